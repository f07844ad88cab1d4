import { Page, useEnvironment } from "@keycloak/keycloak-account-ui";
import { Alert, EmptyState, EmptyStateBody, EmptyStateHeader, Spinner } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ApiError, getJson } from "../api";
import type { Membership } from "./organisations";

type State =
  | { kind: "loading" }
  | { kind: "failed"; status: number }
  | { kind: "loaded"; organisations: Membership[] };

/**
 * "Organisationen": the organisations and authorities the person belongs to and their role there; each name leads
 * to the organisation's own page (OrganisationPage), where administrators manage it. A new organisation is
 * registered on RegisterOrganisationPage.
 */
export const OrganisationsPage = () => {
  const { t } = useTranslation();
  const context = useEnvironment();
  const [state, setState] = useState<State>({ kind: "loading" });

  useEffect(() => {
    const abort = new AbortController();
    getJson<{ organisations: Membership[] }>(context, "sk-organisations/organisations", abort.signal)
      .then((body) => setState({ kind: "loaded", organisations: body.organisations }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) {
          setState({ kind: "failed", status: error instanceof ApiError ? error.status : 0 });
        }
      });
    return () => abort.abort();
    // Loaded once per visit; the context object is stable for the page's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // An authority's state is its review status; an organisation's whether an operator has verified its data.
  const status = (membership: Membership) =>
    membership.kind === "AUTHORITY" && membership.status
      ? t(`skOrganisationStatus${membership.status}`)
      : membership.verified
        ? t("skOrganisationVerified")
        : t("skOrganisationNotVerified");

  return (
    <Page title={t("skOrganisations")} description={t("skOrganisationsDescription")}>
      <p className="pf-v5-u-mb-md">
        <Link to="registrieren" id="sk-organisations-register" className="pf-v5-c-button pf-m-secondary">
          {t("skOrgRegister")}
        </Link>
      </p>
      {state.kind === "loading" && <Spinner aria-label={t("skLoading")} />}
      {state.kind === "failed" && (
        <Alert variant="danger" isInline title={t("skOrganisationsFailed")} id="sk-organisations-error">
          {t("skTryAgainLater")}
        </Alert>
      )}
      {state.kind === "loaded" && state.organisations.length === 0 && (
        <EmptyState>
          <EmptyStateHeader titleText={t("skOrganisationsEmpty")} headingLevel="h2" />
          <EmptyStateBody>{t("skOrganisationsEmptyText")}</EmptyStateBody>
        </EmptyState>
      )}
      {state.kind === "loaded" && state.organisations.length > 0 && (
        <Table aria-label={t("skOrganisations")} id="sk-organisations-table" variant="compact">
          <Thead>
            <Tr>
              <Th modifier="wrap">{t("skOrganisationColumnName")}</Th>
              <Th modifier="wrap">{t("skOrganisationColumnKind")}</Th>
              <Th modifier="wrap">{t("skOrganisationColumnRole")}</Th>
              <Th modifier="wrap">{t("skOrganisationColumnStatus")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {state.organisations.map((membership) => (
              <Tr key={membership.id}>
                <Td dataLabel={t("skOrganisationColumnName")}>
                  <Link to={encodeURIComponent(membership.id)}>{membership.name}</Link>
                </Td>
                <Td dataLabel={t("skOrganisationColumnKind")}>{t(`skOrganisationKind${membership.kind}`)}</Td>
                <Td dataLabel={t("skOrganisationColumnRole")}>{t(`skOrganisationRole${membership.role}`)}</Td>
                <Td dataLabel={t("skOrganisationColumnStatus")}>{status(membership)}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </Page>
  );
};
