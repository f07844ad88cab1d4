import { useEnvironment } from "@keycloak/keycloak-account-ui";
import { Alert, Button } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { startStepUp } from "../api";
import { errorText, isStepUp } from "./organisations";

/**
 * A refused action, explained in plain words. When the API asks for a stronger login (401 step_up_required, e.g. a
 * change to an authority's staff needs trust level hoch), the message says so and offers the new login with the
 * acr the API named; it comes back to this page, where the person repeats the action.
 */
export const ActionError = ({ error, id }: { error: unknown; id: string }) => {
  const { t } = useTranslation();
  const context = useEnvironment();
  if (isStepUp(error)) {
    return (
      <Alert variant="warning" isInline title={t("skOrgStepUpTitle")} id={id} data-code="step_up_required">
        <p>{t("skOrgStepUpText")}</p>
        <Button variant="primary" id={`${id}-step-up`} className="pf-v5-u-mt-sm" onClick={() => void startStepUp(context, error.acr!)}>
          {t("skOrgStepUpButton")}
        </Button>
      </Alert>
    );
  }
  return <Alert variant="danger" isInline title={errorText(t, error)} id={id} />;
};
