import { Page, useEnvironment } from "@keycloak/keycloak-account-ui";
import {
  Alert,
  AlertActionLink,
  Button,
  EmptyState,
  EmptyStateHeader,
  Form,
  FormGroup,
  Grid,
  GridItem,
  InputGroup,
  InputGroupItem,
  Progress,
  Spinner,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { callJson, download, getJson } from "../api";
import { DocumentTable } from "./DocumentTable";
import {
  documentPath,
  errorText,
  folderPath,
  formatSize,
  PAGE_SIZE,
  pathTo,
  SAFE,
  type DocumentPage,
  type SafeDocument,
  type SafeFolder,
  type Usage,
} from "./dokumentensafe";
import { EditForm, type Edit } from "./EditForm";
import { FolderBreadcrumb, FolderTree } from "./FolderTree";
import { UploadArea } from "./UploadArea";

type List = { kind: "loading" } | { kind: "failed"; error: unknown } | { kind: "loaded"; page: DocumentPage };

/** A change that worked; with an undo for a deletion (the document goes back out of the trash). */
type Notice = { text: string; undo?: SafeDocument };

/** Which safe the page works on; the person's own by default. */
type Props = {
  /** The API prefix: SAFE ("dokumentensafe/me") or organisationSafe(id). */
  safe?: string;
  /** A member who is no administrator: reading and downloading only, no control that changes anything. */
  readOnly?: boolean;
  title?: string;
  description?: string;
  /** Shown above everything else (for an organisation: the way back and, read-only, why). */
  intro?: ReactNode;
};

/**
 * "Dokumentensafe": the person's encrypted documents, or an organisation's (the same page on another API prefix). The open folder (or the trash, or a search) and the page are
 * in the address (?ordner=, ?ansicht=papierkorb, ?suche=, ?seite=), so back button and bookmarks keep them. Every
 * change goes through the API with the console's token and is read back from it; refusals are explained by the
 * API's stable error codes.
 */
export const DokumentensafePage = ({ safe = SAFE, readOnly = false, title, description, intro }: Props) => {
  const { t, i18n } = useTranslation();
  const context = useEnvironment();
  const [params, setParams] = useSearchParams();
  const open = params.get("ordner") || null;
  const trash = params.get("ansicht") === "papierkorb";
  const query = params.get("suche") ?? "";
  const page = Math.max(0, Number.parseInt(params.get("seite") ?? "0", 10) || 0);
  const [folders, setFolders] = useState<SafeFolder[]>([]);
  const [usage, setUsage] = useState<Usage>();
  const [list, setList] = useState<List>({ kind: "loading" });
  const [draft, setDraft] = useState(query);
  const [edit, setEdit] = useState<Edit>();
  const [notice, setNotice] = useState<Notice>();
  const [problem, setProblem] = useState<string>();
  const [reload, setReload] = useState(0);
  const refresh = () => setReload((count) => count + 1);

  useEffect(() => {
    const abort = new AbortController();
    getJson<{ folders: SafeFolder[] }>(context, `${safe}/folders`, abort.signal)
      .then((body) => setFolders(body.folders))
      .catch(() => undefined);
    getJson<Usage>(context, safe, abort.signal)
      .then(setUsage)
      .catch(() => undefined);
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [safe, reload]);

  useEffect(() => {
    const abort = new AbortController();
    setList({ kind: "loading" });
    const search = query
      ? { q: query, max: PAGE_SIZE }
      : { folder: trash ? undefined : (open ?? undefined), trash: trash || undefined, first: page * PAGE_SIZE, max: PAGE_SIZE };
    callJson<DocumentPage>(context, `${safe}/documents`, { query: search, signal: abort.signal })
      .then((body) => setList({ kind: "loaded", page: body }))
      .catch((error: unknown) => abort.signal.aborted || setList({ kind: "failed", error }));
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [safe, open, trash, query, page, reload]);

  const go = (next: { ordner?: string | null; ansicht?: string; suche?: string; seite?: number }) => {
    const values: Record<string, string> = {};
    const folder = next.ordner === undefined ? open : next.ordner;
    if (folder) values.ordner = folder;
    if (next.ansicht) values.ansicht = next.ansicht;
    if (next.suche) values.suche = next.suche;
    if (next.seite) values.seite = String(next.seite);
    setParams(values);
    setEdit(undefined);
  };

  /**
   * Runs one change; on success shows {@code done}, closes the form and reloads; on refusal explains it and leaves
   * the form open. Resolves whether it worked.
   */
  const change = async (run: () => Promise<unknown>, done: (result: unknown) => Notice): Promise<boolean> => {
    setProblem(undefined);
    setNotice(undefined);
    try {
      const result = await run();
      setNotice(done(result));
      setEdit(undefined);
      refresh();
      return true;
    } catch (error) {
      setProblem(errorText(t, error));
      return false;
    }
  };

  const openFolder = folders.find((folder) => folder.id === open);
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });

  const folderActions: { id: string; label: string; show: boolean; edit?: () => Edit; run?: () => void }[] = [
    {
      id: "sk-safe-folder-new",
      label: t("skSafeFolderNew"),
      show: true,
      edit: () => ({
        title: openFolder ? t("skSafeFolderNewIn", { name: openFolder.name }) : t("skSafeFolderNew"),
        kind: "name",
        initial: "",
        save: (name) =>
          change(
            () => callJson(context, `${safe}/folders`, { json: { name, parent: open } }),
            () => ({ text: t("skSafeFolderCreated", { name }) }),
          ),
      }),
    },
    {
      id: "sk-safe-folder-rename",
      label: t("skSafeFolderRename"),
      show: !!openFolder,
      edit: () => ({
        title: t("skSafeFolderRenameTitle", { name: openFolder!.name }),
        kind: "name",
        initial: openFolder!.name,
        save: (name) =>
          change(
            () => callJson(context, `${folderPath(safe, openFolder!.id)}/rename`, { json: { name } }),
            () => ({ text: t("skSafeRenamed", { name }) }),
          ),
      }),
    },
    {
      id: "sk-safe-folder-move",
      label: t("skSafeFolderMove"),
      show: !!openFolder,
      edit: () => ({
        title: t("skSafeFolderMoveTitle", { name: openFolder!.name }),
        kind: "place",
        initial: openFolder!.parent ?? "",
        without: openFolder!.id,
        save: (parent) =>
          change(
            () => callJson(context, `${folderPath(safe, openFolder!.id)}/move`, { json: { parent: parent || null } }),
            () => ({ text: t("skSafeMoved", { name: openFolder!.name }) }),
          ),
      }),
    },
    {
      id: "sk-safe-folder-delete",
      label: t("skSafeFolderDelete"),
      show: !!openFolder,
      run: () =>
        void change(
          () => callJson(context, folderPath(safe, openFolder!.id), { method: "DELETE" }),
          () => ({ text: t("skSafeFolderDeleted", { name: openFolder!.name }) }),
        ).then((deleted) => deleted && go({ ordner: openFolder!.parent ?? null })),
    },
  ];

  const restore = (document: SafeDocument) =>
    change(
      () => callJson(context, `${documentPath(safe, document.id)}/restore`, { method: "POST" }),
      () => ({ text: t("skSafeRestored", { name: document.name }) }),
    );

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    go({ ordner: null, suche: draft.trim() });
  };

  const heading = query
    ? t("skSafeSearchResults", { q: query })
    : trash
      ? t("skSafeTrash")
      : (openFolder?.name ?? t("skSafeTop"));
  const documents = list.kind === "loaded" ? list.page.documents : [];
  const hasNext = !query && documents.length === PAGE_SIZE;

  return (
    <Page title={title ?? t("skSafe")} description={description ?? t("skSafeDescription")}>
      {intro}
      {usage && (
        <Progress
          id="sk-safe-quota"
          className="pf-v5-u-mb-md"
          title={t("skSafeQuota")}
          value={usage.quotaBytes > 0 ? Math.min(100, (usage.usedBytes * 100) / usage.quotaBytes) : 0}
          label={t("skSafeQuotaText", {
            used: formatSize(usage.usedBytes, i18n.language),
            total: formatSize(usage.quotaBytes, i18n.language),
          })}
          valueText={t("skSafeQuotaText", {
            used: formatSize(usage.usedBytes, i18n.language),
            total: formatSize(usage.quotaBytes, i18n.language),
          })}
          measureLocation="outside"
          variant={usage.usedBytes >= usage.quotaBytes * 0.9 ? "warning" : undefined}
        />
      )}
      <div aria-live="polite" id="sk-safe-messages">
        {notice && (
          <Alert
            variant="success"
            isInline
            title={notice.text}
            id="sk-safe-notice"
            actionLinks={
              notice.undo && (
                <AlertActionLink id="sk-safe-undo" onClick={() => void restore(notice.undo!)}>
                  {t("skSafeUndo")}
                </AlertActionLink>
              )
            }
          />
        )}
        {problem && <Alert variant="danger" isInline title={problem} id="sk-safe-error" />}
      </div>
      <Grid hasGutter>
        <GridItem md={4} lg={3}>
          <FolderTree folders={folders} open={trash || query ? "" : open} onOpen={(folder) => go({ ordner: folder })} />
          <Button
            variant={trash ? "primary" : "secondary"}
            id="sk-safe-view-trash"
            className="pf-v5-u-mt-md"
            aria-current={trash ? "page" : undefined}
            onClick={() => go({ ordner: null, ansicht: "papierkorb" })}
          >
            {t("skSafeTrash")}
          </Button>
        </GridItem>
        <GridItem md={8} lg={9}>
          <Form onSubmit={submitSearch} id="sk-safe-search-form">
            <FormGroup label={t("skSafeSearchLabel")} fieldId="sk-safe-q">
              <InputGroup>
                <InputGroupItem isFill>
                  <TextInput id="sk-safe-q" type="search" value={draft} maxLength={100} onChange={(_event, value) => setDraft(value)} />
                </InputGroupItem>
                <InputGroupItem>
                  <Button type="submit" variant="secondary" id="sk-safe-search" isDisabled={!draft.trim()}>
                    {t("skSafeSearch")}
                  </Button>
                </InputGroupItem>
                {query && (
                  <InputGroupItem>
                    <Button
                      variant="link"
                      id="sk-safe-search-reset"
                      onClick={() => {
                        setDraft("");
                        go({ ordner: null });
                      }}
                    >
                      {t("skSafeSearchReset")}
                    </Button>
                  </InputGroupItem>
                )}
              </InputGroup>
            </FormGroup>
          </Form>
          {!trash && !query && !readOnly && (
            <>
              <FolderBreadcrumb folders={folders} open={open} onOpen={(folder) => go({ ordner: folder })} />
              <Toolbar aria-label={t("skSafeFolderActions")} id="sk-safe-folder-actions">
                <ToolbarContent>
                  {folderActions
                    .filter((action) => action.show)
                    .map((action) => (
                      <ToolbarItem key={action.id}>
                        <Button
                          variant="secondary"
                          id={action.id}
                          onClick={() => {
                            setProblem(undefined);
                            if (action.edit) setEdit(action.edit());
                            else action.run?.();
                          }}
                        >
                          {action.label}
                        </Button>
                      </ToolbarItem>
                    ))}
                </ToolbarContent>
              </Toolbar>
            </>
          )}
          {edit && <EditForm key={edit.title} edit={edit} folders={folders} onClose={() => setEdit(undefined)} />}
          {/* Read-only: the breadcrumb without the folder actions beside it. */}
          {!trash && !query && readOnly && (
            <FolderBreadcrumb folders={folders} open={open} onOpen={(folder) => go({ ordner: folder })} />
          )}
          {!trash && !query && !readOnly && (
            <UploadArea
              safe={safe}
              folder={open}
              usage={usage}
              onStart={() => {
                setNotice(undefined);
                setProblem(undefined);
              }}
              onStored={(document) => {
                setNotice({ text: t("skSafeStored", { name: document.name }) });
                refresh();
              }}
            />
          )}
          <h2 className="pf-v5-c-title pf-m-lg pf-v5-u-mt-md" id="sk-safe-list-heading">
            {heading}
          </h2>
          {trash && usage && <p className="pf-v5-u-mb-sm">{t("skSafeTrashExplained", { days: usage.undoDays })}</p>}
          {list.kind === "loading" && <Spinner aria-label={t("skLoading")} />}
          {list.kind === "failed" && <Alert variant="danger" isInline title={errorText(t, list.error)} id="sk-safe-list-error" />}
          {list.kind === "loaded" && documents.length === 0 && page === 0 && (
            <EmptyState variant="xs">
              <EmptyStateHeader
                titleText={query ? t("skSafeNoMatch") : trash ? t("skSafeTrashEmpty") : t("skSafeEmpty")}
                headingLevel="h3"
              />
            </EmptyState>
          )}
          {list.kind === "loaded" && (documents.length > 0 || page > 0) && (
            <>
              <DocumentTable
                documents={documents}
                folders={folders}
                trash={trash}
                readOnly={readOnly}
                searching={!!query}
                undoDays={usage?.undoDays ?? 30}
                onDownload={(document) =>
                  void download(context, `${documentPath(safe, document.id)}/content`, document.name).catch((error) =>
                    setProblem(errorText(t, error)),
                  )
                }
                onRename={(document) =>
                  setEdit({
                    title: t("skSafeRenameTitle", { name: document.name }),
                    kind: "name",
                    initial: document.name,
                    save: (name) =>
                      change(
                        () => callJson(context, `${documentPath(safe, document.id)}/rename`, { json: { name } }),
                        () => ({ text: t("skSafeRenamed", { name }) }),
                      ),
                  })
                }
                onMove={(document) =>
                  setEdit({
                    title: t("skSafeMoveTitle", { name: document.name }),
                    kind: "place",
                    initial: document.folder ?? "",
                    save: (folder) =>
                      change(
                        () => callJson(context, `${documentPath(safe, document.id)}/move`, { json: { folder: folder || null } }),
                        () => ({
                          text: t("skSafeMovedInto", {
                            name: document.name,
                            folder: pathTo(folders, folder || null).pop()?.name ?? t("skSafeTop"),
                          }),
                        }),
                      ),
                  })
                }
                onDelete={(document) =>
                  void change(
                    () => callJson<{ restorableUntil: number }>(context, documentPath(safe, document.id), { method: "DELETE" }),
                    (result) => ({
                      text: t("skSafeDeleted", {
                        name: document.name,
                        time: time.format(new Date((result as { restorableUntil: number }).restorableUntil)),
                      }),
                      undo: document,
                    }),
                  )
                }
                onRestore={(document) => void restore(document)}
              />
              {(page > 0 || hasNext) && (
                <Toolbar aria-label={t("skSafePaging")} id="sk-safe-paging">
                  <ToolbarContent alignItems="center">
                    <ToolbarItem>
                      <Button variant="secondary" id="sk-safe-prev" isDisabled={page === 0} onClick={() => go({ ansicht: trash ? "papierkorb" : undefined, seite: page - 1 })}>
                        {t("skSafePrevious")}
                      </Button>
                    </ToolbarItem>
                    <ToolbarItem>
                      <span aria-live="polite">{t("skSafePageNumber", { page: page + 1 })}</span>
                    </ToolbarItem>
                    <ToolbarItem>
                      <Button variant="secondary" id="sk-safe-next" isDisabled={!hasNext} onClick={() => go({ ansicht: trash ? "papierkorb" : undefined, seite: page + 1 })}>
                        {t("skSafeNext")}
                      </Button>
                    </ToolbarItem>
                  </ToolbarContent>
                </Toolbar>
              )}
            </>
          )}
        </GridItem>
      </Grid>
    </Page>
  );
};
