import { Page, useEnvironment } from "@keycloak/keycloak-account-ui";
import {
  ActionGroup,
  Alert,
  Button,
  EmptyState,
  EmptyStateBody,
  EmptyStateHeader,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  Spinner,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { ApiError, callJson, getJson } from "../api";
import { Compose } from "./Compose";
import { MarkLabels } from "./MarkLabels";
import {
  consoleMessagePath,
  counterpart,
  FOLDERS,
  mailboxPath,
  NO_SEARCH,
  PAGE_SIZE,
  type Folder,
  type FolderCount,
  type Mailbox,
  type MessagePage,
  type Search,
} from "./postfach";
import { useMailboxes } from "./useMailboxes";

type State =
  | { kind: "loading" }
  | { kind: "failed"; status: number; code?: string }
  | { kind: "loaded"; page: MessagePage };

const isFolder = (value: string | null): value is Folder => FOLDERS.includes(value as Folder);

/**
 * "Postfach": the folders of one mailbox with their unread counts, one page of a folder (newest first, keyset
 * paging), a search, and writing to an authority. The mailbox (the person's own or an organisation's the person
 * administers) and the folder are in the address, so the browser's back button and a bookmark keep them.
 */
export const PostfachPage = () => {
  const { t, i18n } = useTranslation();
  const context = useEnvironment();
  const [params, setParams] = useSearchParams();
  const box = params.get("box") || "me";
  const folder: Folder = isFolder(params.get("folder")) ? (params.get("folder") as Folder) : "inbox";
  const mailboxes = useMailboxes();
  // The cursors of the pages before the current one, and the current one's ("" is the first page).
  const [cursors, setCursors] = useState<string[]>([""]);
  const [search, setSearch] = useState<Search>(NO_SEARCH);
  const [draft, setDraft] = useState<Search>(NO_SEARCH);
  const [state, setState] = useState<State>({ kind: "loading" });
  const [counts, setCounts] = useState<FolderCount[]>([]);
  const [composing, setComposing] = useState(false);
  const [sent, setSent] = useState(false);
  const [reload, setReload] = useState(0);
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    const abort = new AbortController();
    getJson<{ folders: FolderCount[] }>(context, `${mailboxPath(box)}/folders`, abort.signal)
      .then((body) => setCounts(body.folders))
      .catch(() => setCounts([]));
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [box, reload]);

  useEffect(() => {
    const abort = new AbortController();
    setState({ kind: "loading" });
    const query = { folder, limit: PAGE_SIZE, cursor, ...search };
    callJson<MessagePage>(context, `${mailboxPath(box)}/messages`, { query, signal: abort.signal })
      .then((page) => setState({ kind: "loaded", page }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) {
          setState({
            kind: "failed",
            status: error instanceof ApiError ? error.status : 0,
            code: error instanceof ApiError ? error.code : undefined,
          });
        }
      });
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [box, folder, cursor, search, reload]);

  const go = (next: { box?: string; folder?: Folder }) => {
    setParams({ box: next.box ?? box, folder: next.folder ?? folder });
    setCursors([""]);
    setComposing(false);
    setSent(false);
  };

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    setCursors([""]);
    setSearch({ ...draft });
  };

  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  const count = (entry: FolderCount | undefined) =>
    entry && entry.unread > 0 ? t("skPostfachUnreadCount", { count: entry.unread, plus: entry.unreadCapped ? "+" : "" }) : "";
  const searching = Object.values(search).some((value) => value !== "");

  const paging = (position: "top" | "bottom") =>
    state.kind === "loaded" && (cursors.length > 1 || state.page.next) ? (
      <Toolbar aria-label={t("skPostfachPaging")} id={`sk-postfach-paging-${position}`}>
        <ToolbarContent alignItems="center">
          <ToolbarItem>
            <Button
              variant="secondary"
              isDisabled={cursors.length === 1}
              onClick={() => setCursors(cursors.slice(0, -1))}
              id={position === "top" ? "sk-postfach-newer" : undefined}
            >
              {t("skPostfachNewer")}
            </Button>
          </ToolbarItem>
          <ToolbarItem>
            <span aria-live="polite">{t("skPostfachPageNumber", { page: cursors.length })}</span>
          </ToolbarItem>
          <ToolbarItem>
            <Button
              variant="secondary"
              isDisabled={!state.page.next}
              onClick={() => state.page.next && setCursors([...cursors, state.page.next])}
              id={position === "top" ? "sk-postfach-older" : undefined}
            >
              {t("skPostfachOlder")}
            </Button>
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
    ) : null;

  return (
    <Page title={t("skPostfach")} description={t("skPostfachDescription")}>
      {mailboxes.length > 1 && (
        <Form isHorizontal className="pf-v5-u-mb-md" onSubmit={(event) => event.preventDefault()}>
          <FormGroup label={t("skPostfachMailbox")} fieldId="sk-postfach-mailbox">
            <FormSelect id="sk-postfach-mailbox" value={box} onChange={(_event, value) => go({ box: value, folder: "inbox" })}>
              {mailboxes.map((mailbox: Mailbox) => (
                <FormSelectOption
                  key={mailbox.id}
                  value={mailbox.id}
                  label={mailbox.id === "me" ? t("skPostfachMailboxMine") : t("skPostfachMailboxOf", { name: mailbox.name })}
                />
              ))}
            </FormSelect>
          </FormGroup>
        </Form>
      )}
      <nav aria-label={t("skPostfachFolders")} id="sk-postfach-folders">
        <Toolbar>
          <ToolbarContent>
            {FOLDERS.map((name) => (
              <ToolbarItem key={name}>
                <Button
                  id={`sk-postfach-folder-${name}`}
                  variant={name === folder ? "primary" : "secondary"}
                  aria-current={name === folder ? "page" : undefined}
                  onClick={() => go({ folder: name })}
                >
                  {t(`skPostfachFolder_${name}`)}
                  {count(counts.find((entry) => entry.folder === name)) && (
                    <> ({count(counts.find((entry) => entry.folder === name))})</>
                  )}
                </Button>
              </ToolbarItem>
            ))}
            <ToolbarItem align={{ default: "alignRight" }}>
              <Button id="sk-postfach-new" variant="primary" onClick={() => setComposing(true)} isDisabled={composing}>
                {t("skPostfachNew")}
              </Button>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
      </nav>
      {sent && (
        <Alert variant="success" isInline title={t("skPostfachSent")} id="sk-postfach-sent" aria-live="polite" />
      )}
      {composing && (
        <Compose
          box={box}
          onCancel={() => setComposing(false)}
          onSent={() => {
            setComposing(false);
            setSent(true);
            setReload(reload + 1);
          }}
        />
      )}
      <Form onSubmit={submitSearch} id="sk-postfach-search-form" className="pf-v5-u-my-md">
        <Grid hasGutter md={3}>
          <GridItem>
            <FormGroup label={t("skPostfachSearchSubject")} fieldId="sk-postfach-q">
              <TextInput id="sk-postfach-q" value={draft.q} maxLength={100} onChange={(_e, q) => setDraft({ ...draft, q })} />
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label={t("skPostfachSearchSender")} fieldId="sk-postfach-sender">
              <TextInput
                id="sk-postfach-sender"
                value={draft.sender}
                maxLength={100}
                onChange={(_e, sender) => setDraft({ ...draft, sender })}
              />
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label={t("skPostfachSearchSince")} fieldId="sk-postfach-since">
              <TextInput id="sk-postfach-since" type="date" value={draft.since} onChange={(_e, since) => setDraft({ ...draft, since })} />
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label={t("skPostfachSearchUntil")} fieldId="sk-postfach-until">
              <TextInput id="sk-postfach-until" type="date" value={draft.until} onChange={(_e, until) => setDraft({ ...draft, until })} />
            </FormGroup>
          </GridItem>
        </Grid>
        <ActionGroup className="pf-v5-u-mt-sm">
          <Button type="submit" variant="secondary" id="sk-postfach-search">
            {t("skPostfachSearch")}
          </Button>
          {searching && (
            <Button
              variant="link"
              id="sk-postfach-search-reset"
              onClick={() => {
                setDraft(NO_SEARCH);
                setSearch(NO_SEARCH);
                setCursors([""]);
              }}
            >
              {t("skPostfachSearchReset")}
            </Button>
          )}
        </ActionGroup>
      </Form>
      <h2 className="pf-v5-c-title pf-m-lg" id="sk-postfach-heading">
        {t(`skPostfachFolder_${folder}`)}
      </h2>
      {state.kind === "loading" && <Spinner aria-label={t("skLoading")} />}
      {state.kind === "failed" && (
        <Alert variant="danger" isInline title={t("skPostfachFailed")} id="sk-postfach-error">
          {state.status === 403 || state.status === 404 ? t("skPostfachForbidden") : t("skTryAgainLater")}
        </Alert>
      )}
      {state.kind === "loaded" && state.page.messages.length === 0 && cursors.length === 1 && (
        <EmptyState>
          <EmptyStateHeader titleText={searching ? t("skPostfachNoMatch") : t("skPostfachEmpty")} headingLevel="h3" />
          <EmptyStateBody>{searching && state.page.next ? t("skPostfachSearchGoesOn") : ""}</EmptyStateBody>
        </EmptyState>
      )}
      {state.kind === "loaded" && (state.page.messages.length > 0 || cursors.length > 1) && (
        <>
          {paging("top")}
          <Table aria-labelledby="sk-postfach-heading" id="sk-postfach-messages" variant="compact">
            <Thead>
              <Tr>
                <Th modifier="wrap">{t("skPostfachColumnDate")}</Th>
                <Th modifier="wrap">{folder === "sent" ? t("skPostfachColumnTo") : t("skPostfachColumnFrom")}</Th>
                <Th modifier="wrap">{t("skPostfachColumnSubject")}</Th>
                <Th modifier="wrap">{t("skPostfachColumnMarks")}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {state.page.messages.map((message) => (
                <Tr key={message.id} className={message.read === false ? "sk-postfach-unread" : undefined}>
                  <Td dataLabel={t("skPostfachColumnDate")}>
                    <time dateTime={message.createdAt}>{time.format(new Date(message.createdAt))}</time>
                  </Td>
                  <Td dataLabel={folder === "sent" ? t("skPostfachColumnTo") : t("skPostfachColumnFrom")}>
                    {counterpart(message)}
                  </Td>
                  <Td dataLabel={t("skPostfachColumnSubject")}>
                    <Link to={`../${consoleMessagePath(box, message.id)}`} relative="path" className="sk-postfach-open">
                      {message.locked ? t("skPostfachLockedSubject") : message.subject}
                    </Link>
                  </Td>
                  <Td dataLabel={t("skPostfachColumnMarks")}>
                    <MarkLabels message={message} />
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
          {paging("bottom")}
        </>
      )}
    </Page>
  );
};
