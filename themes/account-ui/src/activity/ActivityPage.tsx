import { Page, useEnvironment } from "@keycloak/keycloak-account-ui";
import {
  Alert,
  Button,
  EmptyState,
  EmptyStateBody,
  EmptyStateHeader,
  Spinner,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, getJson } from "../api";
import {
  activityPath,
  isAccountClient,
  meansKey,
  PAGE_SIZE,
  trustLevelKey,
  type ActivityEntry,
  type ActivityPage as ActivityPageResponse,
} from "./activity";

type State =
  | { kind: "loading" }
  | { kind: "failed"; status: number }
  | { kind: "loaded"; entries: ActivityEntry[]; hasOlder: boolean };

/** "Aktivitäten": the person's own activity log, newest first, one page of PAGE_SIZE entries at a time. */
export const ActivityPage = () => {
  const { t, i18n } = useTranslation();
  const context = useEnvironment();
  const [first, setFirst] = useState(0);
  const [state, setState] = useState<State>({ kind: "loading" });

  useEffect(() => {
    const abort = new AbortController();
    setState({ kind: "loading" });
    getJson<ActivityPageResponse>(context, activityPath(first), abort.signal)
      .then((page) =>
        setState({
          kind: "loaded",
          entries: page.entries.slice(0, PAGE_SIZE),
          hasOlder: page.entries.length > PAGE_SIZE,
        }),
      )
      .catch((error: unknown) => {
        if (!abort.signal.aborted) {
          setState({ kind: "failed", status: error instanceof ApiError ? error.status : 0 });
        }
      });
    return () => abort.abort();
    // The context object is stable for the page's life; the page number is what changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [first]);

  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  const pageNumber = first / PAGE_SIZE + 1;

  const portal = (entry: ActivityEntry) =>
    entry.portalName ||
    (isAccountClient(entry.portal) ? t("skActivityPortalAccount") : entry.portal) ||
    "–";
  const level = (entry: ActivityEntry) => {
    if (!entry.trustLevelName) return "–";
    const key = trustLevelKey(entry.trustLevelName);
    return key ? t(key) : entry.trustLevelName;
  };
  const means = (entry: ActivityEntry) => {
    if (!entry.means) return "–";
    const key = meansKey(entry.means);
    return key ? t(key) : entry.means;
  };
  const detail = (entry: ActivityEntry) => {
    if (entry.type === "LOGIN") return means(entry);
    return entry.detail || "–";
  };

  const paging = (position: "top" | "bottom") => (
    <Toolbar aria-label={t("skActivityPaging")} id={`sk-activity-paging-${position}`}>
      <ToolbarContent alignItems="center">
        <ToolbarItem>
          <Button
            variant="secondary"
            isDisabled={first === 0}
            onClick={() => setFirst(Math.max(0, first - PAGE_SIZE))}
            id={position === "top" ? "sk-activity-newer" : undefined}
          >
            {t("skActivityNewer")}
          </Button>
        </ToolbarItem>
        <ToolbarItem>
          <span aria-live="polite">{t("skActivityPageNumber", { page: pageNumber })}</span>
        </ToolbarItem>
        <ToolbarItem>
          <Button
            variant="secondary"
            isDisabled={state.kind !== "loaded" || !state.hasOlder}
            onClick={() => setFirst(first + PAGE_SIZE)}
            id={position === "top" ? "sk-activity-older" : undefined}
          >
            {t("skActivityOlder")}
          </Button>
        </ToolbarItem>
      </ToolbarContent>
    </Toolbar>
  );

  return (
    <Page title={t("skActivity")} description={t("skActivityDescription")}>
      {state.kind === "loading" && <Spinner aria-label={t("skLoading")} />}
      {state.kind === "failed" && (
        <Alert variant="danger" isInline title={t("skActivityFailed")} id="sk-activity-error">
          {state.status === 403 ? t("skActivityForbidden") : t("skTryAgainLater")}
        </Alert>
      )}
      {state.kind === "loaded" && state.entries.length === 0 && first === 0 && (
        <EmptyState>
          <EmptyStateHeader titleText={t("skActivityEmpty")} headingLevel="h2" />
          <EmptyStateBody>{t("skActivityEmptyText")}</EmptyStateBody>
        </EmptyState>
      )}
      {state.kind === "loaded" && (state.entries.length > 0 || first > 0) && (
        <>
          {/* Paging only where there is more than one page. */}
          {(first > 0 || state.hasOlder) && paging("top")}
          <Table aria-label={t("skActivity")} id="sk-activity-table" variant="compact">
            <Thead>
              <Tr>
                <Th modifier="wrap">{t("skActivityColumnTime")}</Th>
                <Th modifier="wrap">{t("skActivityColumnType")}</Th>
                <Th modifier="wrap">{t("skActivityColumnPortal")}</Th>
                <Th modifier="wrap">{t("skActivityColumnLevel")}</Th>
                <Th modifier="wrap">{t("skActivityColumnDetail")}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {state.entries.map((entry, index) => (
                <Tr key={`${entry.time}-${index}`}>
                  <Td dataLabel={t("skActivityColumnTime")}>
                    <time dateTime={entry.time}>{time.format(new Date(entry.time))}</time>
                  </Td>
                  <Td dataLabel={t("skActivityColumnType")}>{t(`skActivityType${entry.type}`, entry.type)}</Td>
                  <Td dataLabel={t("skActivityColumnPortal")}>{portal(entry)}</Td>
                  <Td dataLabel={t("skActivityColumnLevel")}>{level(entry)}</Td>
                  <Td dataLabel={t("skActivityColumnDetail")}>{detail(entry)}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
          {(first > 0 || state.hasOlder) && paging("bottom")}
        </>
      )}
    </Page>
  );
};
