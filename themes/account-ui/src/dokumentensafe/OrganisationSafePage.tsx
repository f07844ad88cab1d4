import { Page } from "@keycloak/keycloak-account-ui";
import { Alert, Spinner } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { useOrganisation } from "../organisations/useOrganisation";
import { DokumentensafePage } from "./DokumentensafePage";
import { organisationSafe } from "./dokumentensafe";

/**
 * "Dokumentensafe der Organisation" (organisationen/:id/dokumentensafe): the Dokumentensafe page on the
 * organisation's safe. The person's role comes from the organisations API: administrators get every control, other
 * members read and download only and are told why. The Dokumentensafe API decides again on every call.
 */
export const OrganisationSafePage = () => {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const state = useOrganisation(id);

  const back = (
    <p className="pf-v5-u-mb-md">
      <Link to=".." relative="path" id="sk-org-safe-back">
        {t("skOrgSafeBack")}
      </Link>
    </p>
  );
  if (state.kind !== "loaded") {
    return (
      <Page title={t("skOrgSafe")} description={t("skOrgSafeDescription")}>
        {back}
        {state.kind === "loading" && <Spinner aria-label={t("skLoading")} />}
        {state.kind === "failed" && (
          <Alert variant="danger" isInline id="sk-org-safe-error"
            title={state.status === 403 || state.status === 404 ? t("skOrgNotYours") : t("skOrganisationsFailed")} />
        )}
      </Page>
    );
  }
  const organisation = state.organisation;
  const readOnly = organisation.role !== "ADMIN";
  return (
    <DokumentensafePage
      key={organisation.id}
      safe={organisationSafe(organisation.id)}
      readOnly={readOnly}
      title={t("skOrgSafeTitle", { name: organisation.name })}
      description={t("skOrgSafeDescription")}
      intro={
        <>
          {back}
          {readOnly && (
            <Alert variant="info" isInline isPlain id="sk-org-safe-readonly" className="pf-v5-u-mb-md"
              title={t("skOrgSafeReadOnly")} />
          )}
        </>
      }
    />
  );
};
