import { useEnvironment } from "@keycloak/keycloak-account-ui";
import {
  ActionGroup,
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  List,
  ListItem,
  TextArea,
  TextInput,
} from "@patternfly/react-core";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, callJson, getJson } from "../api";
import { mailboxPath, messagePath, type Attachment, type Limits } from "./postfach";

type Authority = { id: string; name: string };

type Props = {
  box: string;
  /** The message answered; without it, a new message to an authority chosen in the form. */
  replyTo?: { id: string; subject?: string };
  onSent: () => void;
  onCancel: () => void;
};

/**
 * Writing to an authority: a new message (the authority chosen from the active ones) or a reply in a thread, with
 * attachments. The limits (types, size, count) are shown before a file is chosen and checked before the upload; the
 * server checks them again.
 */
export const Compose = ({ box, replyTo, onSent, onCancel }: Props) => {
  const { t } = useTranslation();
  const context = useEnvironment();
  const [authorities, setAuthorities] = useState<Authority[]>([]);
  const [to, setTo] = useState("");
  const [subject, setSubject] = useState(replyTo ? `${t("skPostfachReplyPrefix")} ${replyTo.subject ?? ""}`.trim() : "");
  const [body, setBody] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [limits, setLimits] = useState<Limits>();
  const prefix = replyTo ? "sk-postfach-reply" : "sk-postfach-compose";

  // The realm's own limits; until they are known no file can be chosen (the server checks them again anyway).
  useEffect(() => {
    const abort = new AbortController();
    getJson<Limits>(context, `${mailboxPath(box)}/limits`, abort.signal)
      .then(setLimits)
      .catch(() => setLimits(undefined));
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [box]);

  useEffect(() => {
    if (replyTo) return;
    const abort = new AbortController();
    getJson<{ authorities: Authority[] }>(context, "sk-organisations/authorities/active", abort.signal)
      .then((answer) => setAuthorities(answer.authorities))
      .catch(() => setAuthorities([]));
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const addFiles = (chosen: FileList | null) => {
    if (!limits) return;
    const all = [...files, ...Array.from(chosen ?? [])];
    const refused = all.find((file) => !limits.attachmentTypes.includes(file.type) || file.size > limits.maxAttachmentBytes);
    if (all.length > limits.maxAttachments) {
      setProblem(t("skPostfachTooManyFiles", { count: limits.maxAttachments }));
    } else if (refused) {
      setProblem(t("skPostfachFileRefused", { name: refused.name }));
    } else {
      setProblem(undefined);
      setFiles(all);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!replyTo && !to) {
      setProblem(t("skPostfachChooseAuthority"));
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const attachments: string[] = [];
      for (const file of files) {
        const staged = await callJson<Attachment>(context, `${mailboxPath(box)}/attachments`, {
          body: file,
          query: { filename: file.name },
        });
        attachments.push(staged.id);
      }
      if (replyTo) {
        await callJson(context, `${messagePath(box, replyTo.id)}/reply`, { json: { subject, body, attachments } });
      } else {
        await callJson(context, `${mailboxPath(box)}/messages`, {
          json: { to: { kind: "authority", id: to }, subject, body, attachments },
        });
      }
      onSent();
    } catch (error) {
      setProblem(t("skPostfachSendFailed", { code: error instanceof ApiError ? (error.code ?? error.status) : "–" }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card id={prefix} className="pf-v5-u-my-md">
      <CardTitle component="h2">{replyTo ? t("skPostfachReply") : t("skPostfachNew")}</CardTitle>
      <CardBody>
        <Form onSubmit={submit}>
          {problem && <Alert variant="danger" isInline title={problem} id={`${prefix}-problem`} />}
          {!replyTo && (
            <FormGroup label={t("skPostfachTo")} fieldId={`${prefix}-to`} isRequired>
              <FormSelect id={`${prefix}-to`} value={to} onChange={(_e, value) => setTo(value)} isRequired>
                <FormSelectOption value="" label={t("skPostfachChooseAuthority")} />
                {authorities.map((authority) => (
                  <FormSelectOption key={authority.id} value={authority.id} label={authority.name} />
                ))}
              </FormSelect>
            </FormGroup>
          )}
          <FormGroup label={t("skPostfachSubject")} fieldId={`${prefix}-subject`} isRequired>
            <TextInput
              id={`${prefix}-subject`}
              value={subject}
              maxLength={limits?.maxSubjectChars ?? 255}
              isRequired
              onChange={(_e, value) => setSubject(value)}
            />
          </FormGroup>
          <FormGroup label={t("skPostfachBody")} fieldId={`${prefix}-body`}>
            <TextArea
              id={`${prefix}-body`}
              value={body}
              rows={6}
              maxLength={limits?.maxBodyChars ?? 65536}
              onChange={(_e, value) => setBody(value)}
            />
          </FormGroup>
          <FormGroup label={t("skPostfachAttachments")} fieldId={`${prefix}-files`}>
            <input
              id={`${prefix}-files`}
              type="file"
              multiple
              accept={limits?.attachmentTypes.join(",")}
              disabled={!limits || limits.maxAttachments === 0}
              aria-describedby={`${prefix}-limits`}
              onChange={(event) => {
                addFiles(event.target.files);
                event.target.value = "";
              }}
            />
            <FormHelperText>
              <HelperText id={`${prefix}-limits`}>
                <HelperTextItem>
                  {limits
                    ? t("skPostfachLimits", {
                        count: limits.maxAttachments,
                        size: Math.round((limits.maxAttachmentBytes / (1024 * 1024)) * 10) / 10,
                      })
                    : t("skLoading")}
                </HelperTextItem>
              </HelperText>
            </FormHelperText>
            {files.length > 0 && (
              <List id={`${prefix}-chosen`}>
                {files.map((file, index) => (
                  <ListItem key={`${file.name}-${index}`}>
                    {file.name}{" "}
                    <Button variant="link" isInline onClick={() => setFiles(files.filter((_f, i) => i !== index))}>
                      {t("skPostfachRemoveFile", { name: file.name })}
                    </Button>
                  </ListItem>
                ))}
              </List>
            )}
          </FormGroup>
          <ActionGroup>
            <Button type="submit" variant="primary" id={`${prefix}-send`} isLoading={busy} isDisabled={busy}>
              {t("skPostfachSend")}
            </Button>
            <Button variant="link" onClick={onCancel} id={`${prefix}-cancel`}>
              {t("skPostfachCancel")}
            </Button>
          </ActionGroup>
        </Form>
      </CardBody>
    </Card>
  );
};
