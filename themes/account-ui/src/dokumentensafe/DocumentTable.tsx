import { Button } from "@patternfly/react-core";
import { useEnvironment } from "@keycloak/keycloak-account-ui";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useTranslation } from "react-i18next";
import { startStepUp } from "../api";
import { formatSize, pathTo, typeName, type SafeDocument, type SafeFolder } from "./dokumentensafe";

type Props = {
  documents: SafeDocument[];
  folders: SafeFolder[];
  /** The trash: deletion date, the date until which it can be restored, and "Wiederherstellen" only. */
  trash: boolean;
  /** A member of an organisation who is no administrator: download only. */
  readOnly?: boolean;
  /** A search over every folder: each document's folder is shown. */
  searching: boolean;
  undoDays: number;
  onDownload: (document: SafeDocument) => void;
  onRename: (document: SafeDocument) => void;
  onMove: (document: SafeDocument) => void;
  onDelete: (document: SafeDocument) => void;
  onRestore: (document: SafeDocument) => void;
};

/** The acr a locked document's level (its German name, as the API gives it) asks the login for. */
const acrOf = (level?: string) =>
  level === "substanziell" ? "http://eidas.europa.eu/LoA/substantial" : "http://eidas.europa.eu/LoA/high";

/**
 * One page of documents as a table. Each action is a button whose accessible name carries the document's name
 * ("Herunterladen: Bescheid.pdf"), so a screen reader's list of buttons tells them apart.
 */
export const DocumentTable = (props: Props) => {
  const { documents, folders, trash, searching, undoDays } = props;
  const { t, i18n } = useTranslation();
  const context = useEnvironment();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  const date = (epochMs: number) => <time dateTime={new Date(epochMs).toISOString()}>{time.format(new Date(epochMs))}</time>;
  const action = (key: string, className: string, document: SafeDocument, run: (document: SafeDocument) => void) => (
    <Button variant="secondary" size="sm" className={`${className} pf-v5-u-mr-sm pf-v5-u-mb-xs`} onClick={() => run(document)}>
      {t(key)}
      <span className="pf-v5-screen-reader">: {document.name}</span>
    </Button>
  );

  return (
    <Table aria-labelledby="sk-safe-list-heading" id="sk-safe-documents" variant="compact">
      <Thead>
        <Tr>
          <Th modifier="wrap">{t("skSafeColumnName")}</Th>
          {searching && <Th modifier="wrap">{t("skSafeColumnFolder")}</Th>}
          <Th modifier="wrap">{t("skSafeColumnType")}</Th>
          <Th modifier="wrap">{t("skSafeColumnSize")}</Th>
          <Th modifier="wrap">{trash ? t("skSafeColumnDeleted") : t("skSafeColumnCreated")}</Th>
          {trash && <Th modifier="wrap">{t("skSafeColumnRestorableUntil")}</Th>}
          <Th modifier="wrap">{t("skSafeColumnActions")}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {documents.map((document) =>
          document.damaged ? (
            <Tr key={document.id} data-id={document.id} className="sk-safe-damaged">
              <Td dataLabel={t("skSafeColumnName")} className="sk-safe-name">
                {t("skSafeDamagedName")}
              </Td>
              {searching && <Td dataLabel={t("skSafeColumnFolder")}>–</Td>}
              <Td dataLabel={t("skSafeColumnType")}>–</Td>
              <Td dataLabel={t("skSafeColumnSize")}>–</Td>
              <Td dataLabel={trash ? t("skSafeColumnDeleted") : t("skSafeColumnCreated")}>–</Td>
              {trash && <Td dataLabel={t("skSafeColumnRestorableUntil")}>–</Td>}
              <Td dataLabel={t("skSafeColumnActions")}>{t("skSafeDamagedHint")}</Td>
            </Tr>
          ) : (
          <Tr key={document.id} data-id={document.id}>
            <Td dataLabel={t("skSafeColumnName")} className="sk-safe-name">
              {document.locked ? t("skSafeLockedName", { level: document.requiredLevel }) : document.name}
            </Td>
            {searching && (
              <Td dataLabel={t("skSafeColumnFolder")}>
                {pathTo(folders, document.folder ?? null).map((folder) => folder.name).join(" / ") || t("skSafeTop")}
              </Td>
            )}
            <Td dataLabel={t("skSafeColumnType")}>{typeName(document.type)}</Td>
            <Td dataLabel={t("skSafeColumnSize")}>{formatSize(document.size, i18n.language)}</Td>
            <Td dataLabel={trash ? t("skSafeColumnDeleted") : t("skSafeColumnCreated")}>
              {date(trash && document.deletedAt ? document.deletedAt : document.createdAt)}
            </Td>
            {trash && (
              <Td dataLabel={t("skSafeColumnRestorableUntil")}>
                {document.deletedAt ? date(document.deletedAt + undoDays * 86_400_000) : "–"}
              </Td>
            )}
            <Td dataLabel={t("skSafeColumnActions")}>
              {document.locked ? (
                // Every action on it (restore from the trash too) needs that level: the way there is a new login.
                <Button variant="secondary" size="sm" className="sk-safe-step-up" onClick={() => void startStepUp(context, acrOf(document.requiredLevel))}>
                  {t("skSafeLockedStepUp")}
                </Button>
              ) : trash ? (
                !props.readOnly && action("skSafeRestore", "sk-safe-restore", document, props.onRestore)
              ) : props.readOnly ? (
                action("skSafeDownload", "sk-safe-download", document, props.onDownload)
              ) : (
                <>
                  {action("skSafeDownload", "sk-safe-download", document, props.onDownload)}
                  {action("skSafeRename", "sk-safe-rename", document, props.onRename)}
                  {action("skSafeMove", "sk-safe-move", document, props.onMove)}
                  {action("skSafeDelete", "sk-safe-delete", document, props.onDelete)}
                </>
              )}
            </Td>
          </Tr>
          ),
        )}
      </Tbody>
    </Table>
  );
};
