import { Page, useEnvironment } from "@keycloak/keycloak-account-ui";
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  List,
  ListItem,
  Spinner,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { ApiError, call, callJson, download, getJson, saveFile, startStepUp, STEP_UP_REQUIRED } from "../api";
import { Compose } from "./Compose";
import { MarkLabels } from "./MarkLabels";
import { counterpart, isNoticeEvidence, levelKey, messagePath, type Message, type MessageSummary } from "./postfach";

type State =
  | { kind: "loading" }
  | { kind: "failed"; status: number; code?: string }
  | { kind: "locked"; acr: string }
  | { kind: "loaded"; message: Message };

/**
 * One message of a mailbox (address postfach/{box}/{id}, so that a new login returns to it): its content, thread,
 * attachments, the evidence of an official notice, reply, archive, trash and restore. Opening it is what the API
 * counts as the retrieval of a notice. A message that needs a stronger login than the session's shows its sender and
 * date and offers that login (step-up), which comes back here.
 */
export const MessagePage = () => {
  const { t, i18n } = useTranslation();
  const context = useEnvironment();
  const { box = "me", id = "" } = useParams();
  const [state, setState] = useState<State>({ kind: "loading" });
  const [thread, setThread] = useState<MessageSummary[]>([]);
  const [replying, setReplying] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    setState({ kind: "loading" });
    getJson<{ messages: MessageSummary[] }>(context, `${messagePath(box, id)}/thread`, abort.signal)
      .then((body) => setThread(body.messages))
      .catch(() => setThread([]));
    getJson<Message>(context, messagePath(box, id), abort.signal)
      .then(async (message) => {
        setState({ kind: "loaded", message });
        if (message.read === false && message.direction === "in") {
          await call(context, `${messagePath(box, id)}/read`, { method: "POST" });
          if (!abort.signal.aborted) setState({ kind: "loaded", message: { ...message, read: true } });
        }
      })
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        if (error instanceof ApiError && error.code === STEP_UP_REQUIRED && error.acr) {
          setState({ kind: "locked", acr: error.acr });
        } else {
          setState({
            kind: "failed",
            status: error instanceof ApiError ? error.status : 0,
            code: error instanceof ApiError ? error.code : undefined,
          });
        }
      });
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [box, id, reload]);

  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeZone: "UTC" });
  const when = (value?: string) => (value ? time.format(new Date(value)) : "–");
  const summary: MessageSummary | undefined =
    state.kind === "loaded" ? { ...state.message, notice: Boolean(state.message.notice) } : thread.find((m) => m.id === id);
  const listAddress = `../../../postfach?box=${encodeURIComponent(box)}`;

  // After an action the message is loaded again (folder, restore period), except after "mark as unread": loading it
  // would mark it read again.
  const act = async (action: () => Promise<unknown>, done: string, reloadAfter = true) => {
    setProblem(undefined);
    setNotice(undefined);
    try {
      await action();
      setNotice(done);
      if (reloadAfter) {
        setReload(reload + 1);
      } else if (state.kind === "loaded") {
        setState({ kind: "loaded", message: { ...state.message, read: false } });
      }
    } catch (error) {
      setProblem(t("skPostfachActionFailed", { code: error instanceof ApiError ? (error.code ?? error.status) : "–" }));
    }
  };

  const level = (value?: string) => (value ? (levelKey(value) ? t(levelKey(value)!) : value) : "–");

  return (
    <Page title={summary?.subject || t("skPostfachMessage")} description={t("skPostfachMessageDescription")}>
      <Link to={listAddress} relative="path" id="sk-postfach-back">
        {t("skPostfachBack")}
      </Link>
      {notice && <Alert variant="success" isInline title={notice} id="sk-postfach-done" className="pf-v5-u-my-sm" />}
      {problem && <Alert variant="danger" isInline title={problem} id="sk-postfach-problem" className="pf-v5-u-my-sm" />}
      {summary && (
        <DescriptionList isHorizontal className="pf-v5-u-my-md" id="sk-postfach-meta">
          <DescriptionListGroup>
            <DescriptionListTerm>{t("skPostfachColumnFrom")}</DescriptionListTerm>
            <DescriptionListDescription id="sk-postfach-from">{summary.senderName || "–"}</DescriptionListDescription>
          </DescriptionListGroup>
          {summary.recipientName && (
            <DescriptionListGroup>
              <DescriptionListTerm>{t("skPostfachColumnTo")}</DescriptionListTerm>
              <DescriptionListDescription>{summary.recipientName}</DescriptionListDescription>
            </DescriptionListGroup>
          )}
          <DescriptionListGroup>
            <DescriptionListTerm>{t("skPostfachColumnDate")}</DescriptionListTerm>
            <DescriptionListDescription id="sk-postfach-date">
              <time dateTime={summary.createdAt}>{when(summary.createdAt)}</time>
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t("skPostfachColumnMarks")}</DescriptionListTerm>
            <DescriptionListDescription>
              <MarkLabels message={state.kind === "locked" ? { ...summary, locked: true } : summary} />
            </DescriptionListDescription>
          </DescriptionListGroup>
        </DescriptionList>
      )}
      {state.kind === "loading" && <Spinner aria-label={t("skLoading")} />}
      {state.kind === "failed" && (
        <Alert variant="danger" isInline title={t("skPostfachMessageFailed")} id="sk-postfach-error">
          {state.status === 404 || state.status === 403 ? t("skPostfachMessageGone") : t("skTryAgainLater")}
        </Alert>
      )}
      {state.kind === "locked" && (
        <Alert variant="warning" isInline title={t("skPostfachLockedTitle")} id="sk-postfach-locked">
          <p>
            {t("skPostfachLockedText", {
              level: level(summary?.minimumTrustLevel),
            })}
          </p>
          <Button variant="primary" className="pf-v5-u-mt-sm" id="sk-postfach-step-up" onClick={() => startStepUp(context, state.acr)}>
            {t("skPostfachStepUp")}
          </Button>
        </Alert>
      )}
      {state.kind === "loaded" && (
        <>
          <Toolbar aria-label={t("skPostfachActions")} id="sk-postfach-actions">
            <ToolbarContent>
              {state.message.direction === "in" && state.message.folder !== "trash" && (
                <ToolbarItem>
                  <Button variant="primary" id="sk-postfach-reply-open" onClick={() => setReplying(true)} isDisabled={replying}>
                    {t("skPostfachReply")}
                  </Button>
                </ToolbarItem>
              )}
              {state.message.folder !== "archive" && state.message.folder !== "trash" && (
                <ToolbarItem>
                  <Button
                    variant="secondary"
                    id="sk-postfach-archive"
                    onClick={() => act(() => call(context, `${messagePath(box, id)}/archive`, { method: "POST" }), t("skPostfachArchived"))}
                  >
                    {t("skPostfachArchive")}
                  </Button>
                </ToolbarItem>
              )}
              {state.message.folder !== "trash" && (
                <ToolbarItem>
                  <Button
                    variant="secondary"
                    id="sk-postfach-delete"
                    onClick={() => act(() => call(context, messagePath(box, id), { method: "DELETE" }), t("skPostfachDeleted"))}
                  >
                    {t("skPostfachDelete")}
                  </Button>
                </ToolbarItem>
              )}
              {state.message.folder === "trash" && (
                <ToolbarItem>
                  <Button
                    variant="secondary"
                    id="sk-postfach-restore"
                    onClick={() => act(() => call(context, `${messagePath(box, id)}/restore`, { method: "POST" }), t("skPostfachRestored"))}
                  >
                    {t("skPostfachRestore")}
                  </Button>
                </ToolbarItem>
              )}
              {state.message.direction === "in" && (
                <ToolbarItem>
                  <Button
                    variant="link"
                    id="sk-postfach-unread"
                    onClick={() => act(() => call(context, `${messagePath(box, id)}/read`, { method: "DELETE" }), t("skPostfachMarkedUnread"), false)}
                  >
                    {t("skPostfachMarkAsUnread")}
                  </Button>
                </ToolbarItem>
              )}
            </ToolbarContent>
          </Toolbar>
          {state.message.folder === "trash" && state.message.restorableUntil && (
            <Alert variant="info" isInline title={t("skPostfachRestorableUntil", { time: when(state.message.restorableUntil) })} />
          )}
          {isNoticeEvidence(state.message.notice) && (
            <Card id="sk-postfach-notice" className="pf-v5-u-my-md">
              <CardTitle component="h2">{t("skPostfachNoticeTitle")}</CardTitle>
              <CardBody>
                <DescriptionList isHorizontal>
                  <DescriptionListGroup>
                    <DescriptionListTerm>{t("skPostfachNoticeProvided")}</DescriptionListTerm>
                    <DescriptionListDescription id="sk-postfach-notice-provided">
                      {when(state.message.notice.providedAt)}
                    </DescriptionListDescription>
                  </DescriptionListGroup>
                  <DescriptionListGroup>
                    <DescriptionListTerm>{t("skPostfachNoticeRetrieved")}</DescriptionListTerm>
                    <DescriptionListDescription id="sk-postfach-notice-retrieved">
                      {state.message.notice.firstRetrievedAt ? (
                        <time dateTime={state.message.notice.firstRetrievedAt}>{when(state.message.notice.firstRetrievedAt)}</time>
                      ) : (
                        "–"
                      )}
                    </DescriptionListDescription>
                  </DescriptionListGroup>
                  <DescriptionListGroup>
                    <DescriptionListTerm>{t("skPostfachNoticeDeemed")}</DescriptionListTerm>
                    <DescriptionListDescription id="sk-postfach-notice-deemed">
                      {state.message.notice.deemedNotifiedAt
                        ? day.format(new Date(`${state.message.notice.deemedNotifiedAt}T00:00:00Z`))
                        : "–"}
                    </DescriptionListDescription>
                  </DescriptionListGroup>
                </DescriptionList>
                <p className="pf-v5-u-mt-sm">{t("skPostfachNoticeExplained")}</p>
                <Button
                  variant="secondary"
                  className="pf-v5-u-mt-sm"
                  id="sk-postfach-receipt"
                  onClick={() =>
                    // The signed evidence (JSON with the receipt, a JWS anyone can check with the realm's public
                    // keys), saved as a file the person keeps.
                    callJson<{ messageRef?: string }>(context, `${messagePath(box, id)}/receipt`)
                      .then((receipt) =>
                        saveFile(
                          new Blob([JSON.stringify(receipt, null, 2)], { type: "application/json" }),
                          `${t("skPostfachReceiptFile")}-${(receipt.messageRef ?? id).replace(/[^A-Za-z0-9-]/g, "")}.json`,
                        ),
                      )
                      .catch(() => setProblem(t("skPostfachReceiptFailed")))
                  }
                >
                  {t("skPostfachReceipt")}
                </Button>
                <p className="pf-v5-u-mt-sm">{t("skPostfachReceiptExplained")}</p>
              </CardBody>
            </Card>
          )}
          <Card className="pf-v5-u-my-md" id="sk-postfach-content">
            <CardTitle component="h2">{t("skPostfachContent")}</CardTitle>
            <CardBody>
              <div id="sk-postfach-body" style={{ whiteSpace: "pre-wrap" }}>
                {state.message.body}
              </div>
            </CardBody>
          </Card>
          {(state.message.attachments ?? []).length > 0 && (
            <Card className="pf-v5-u-my-md" id="sk-postfach-attachments">
              <CardTitle component="h2">{t("skPostfachAttachments")}</CardTitle>
              <CardBody>
                <List>
                  {(state.message.attachments ?? []).map((attachment) => (
                    <ListItem key={attachment.id}>
                      <Button
                        variant="link"
                        isInline
                        className="sk-postfach-download"
                        onClick={() =>
                          download(context, `${messagePath(box, id)}/attachments/${encodeURIComponent(attachment.id)}`, attachment.filename).catch(
                            () => setProblem(t("skPostfachDownloadFailed")),
                          )
                        }
                      >
                        {t("skPostfachDownload", { name: attachment.filename, size: Math.ceil(attachment.size / 1024) })}
                      </Button>
                    </ListItem>
                  ))}
                </List>
              </CardBody>
            </Card>
          )}
          {replying && (
            <Compose
              box={box}
              replyTo={{ id, subject: state.message.subject }}
              onCancel={() => setReplying(false)}
              onSent={() => {
                setReplying(false);
                setNotice(t("skPostfachSent"));
                setReload(reload + 1);
              }}
            />
          )}
        </>
      )}
      {thread.length > 1 && (
        <Card className="pf-v5-u-my-md" id="sk-postfach-thread">
          <CardTitle component="h2">{t("skPostfachThread")}</CardTitle>
          <CardBody>
            <List isPlain>
              {thread.map((message) => (
                <ListItem key={message.id}>
                  <time dateTime={message.createdAt}>{when(message.createdAt)}</time> · {counterpart(message)} ·{" "}
                  {message.id === id ? (
                    <strong aria-current="page">{message.locked ? t("skPostfachLockedSubject") : message.subject}</strong>
                  ) : (
                    <Link to={`../${encodeURIComponent(message.id)}`} relative="path">
                      {message.locked ? t("skPostfachLockedSubject") : message.subject}
                    </Link>
                  )}
                </ListItem>
              ))}
            </List>
          </CardBody>
        </Card>
      )}
    </Page>
  );
};
