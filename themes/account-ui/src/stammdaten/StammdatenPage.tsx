import { getPersonalInfo, PersonalInfo, useEnvironment } from "@keycloak/keycloak-account-ui";
import {
  Alert,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
  PageSection,
  Spinner,
  Text,
  TextContent,
  Title,
} from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { startStepUp } from "../api";
import {
  ACR_HOCH,
  brokeredValues,
  DELETE_ACTION,
  displayValue,
  verifiedValues,
  type BrokeredValue,
  type VerifiedValue,
} from "./stammdaten";

type State =
  | { kind: "loading" }
  | { kind: "failed" }
  | { kind: "loaded"; verified: VerifiedValue[]; brokered: BrokeredValue[] };

/**
 * The start page "Stammdaten": Keycloak's personal-info form as Keycloak ships it (the server makes values the ID
 * card verified read-only there, with a hint at each), followed by what the card confirmed (or the offer to confirm
 * the data with the card) and the deletion of the account.
 */
export const StammdatenPage = () => {
  const { t } = useTranslation();
  const context = useEnvironment();
  const [state, setState] = useState<State>({ kind: "loading" });

  useEffect(() => {
    const abort = new AbortController();
    getPersonalInfo({ context, signal: abort.signal })
      .then((user) => setState({ kind: "loaded", verified: verifiedValues(user), brokered: brokeredValues(user) }))
      .catch(() => {
        if (!abort.signal.aborted) setState({ kind: "failed" });
      });
    return () => abort.abort();
    // The context object is stable for the page's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <>
      <PersonalInfo />
      <PageSection variant="light" id="sk-stammdaten-card" aria-labelledby="sk-stammdaten-card-title">
        {state.kind === "loading" && <Spinner size="lg" aria-label={t("skLoading")} />}
        {state.kind === "failed" && (
          <Alert variant="danger" isInline title={t("skStammdatenFailed")} id="sk-stammdaten-failed" />
        )}
        {state.kind === "loaded" && state.verified.length > 0 && <Verified values={state.verified} />}
        {state.kind === "loaded" && state.verified.length === 0 && (
          <>
            <Title headingLevel="h2" id="sk-stammdaten-card-title">
              {t("skStammdatenUpgradeTitle")}
            </Title>
            <TextContent className="pf-v5-u-my-md">
              <Text>{t("skStammdatenUpgradeText")}</Text>
            </TextContent>
            <Button
              id="sk-stammdaten-upgrade"
              variant="secondary"
              onClick={() => startStepUp(context, ACR_HOCH)}
            >
              {t("skStammdatenUpgradeButton")}
            </Button>
          </>
        )}
      </PageSection>
      {state.kind === "loaded" && state.brokered.length > 0 && (
        <PageSection variant="light" id="sk-stammdaten-partner" aria-labelledby="sk-stammdaten-partner-title">
          <Brokered values={state.brokered} />
        </PageSection>
      )}
      <PageSection variant="light" id="sk-delete-account" aria-labelledby="sk-delete-account-title">
        <Title headingLevel="h2" id="sk-delete-account-title">
          {t("skDeleteAccountTitle")}
        </Title>
        <TextContent className="pf-v5-u-my-md">
          <Text>{t("skDeleteAccountText")}</Text>
          <Text>{t("skDeleteAccountLogin")}</Text>
        </TextContent>
        <Button
          id="sk-delete-account-start"
          variant="danger"
          onClick={() => context.keycloak.login({ action: DELETE_ACTION })}
        >
          {t("skDeleteAccountButton")}
        </Button>
      </PageSection>
    </>
  );
};

const Verified = ({ values }: { values: VerifiedValue[] }) => {
  const { t, i18n } = useTranslation();
  return (
    <>
      <Title headingLevel="h2" id="sk-stammdaten-card-title">
        {t("skStammdatenVerifiedTitle")}
      </Title>
      <TextContent className="pf-v5-u-my-md">
        <Text>{t("skStammdatenVerifiedText")}</Text>
      </TextContent>
      <DescriptionList id="sk-stammdaten-verified" isHorizontal isCompact>
        {values.map((value) => (
          <DescriptionListGroup key={value.name} data-attribute={value.name}>
            <DescriptionListTerm>{t(value.label)}</DescriptionListTerm>
            <DescriptionListDescription>
              {displayValue(value, i18n.language)}{" "}
              <Label color="green" isCompact className="sk-verified-mark">
                {t("skStammdatenVerifiedMark")}
              </Label>
            </DescriptionListDescription>
          </DescriptionListGroup>
        ))}
      </DescriptionList>
    </>
  );
};

const Brokered = ({ values }: { values: BrokeredValue[] }) => {
  const { t, i18n } = useTranslation();
  const first = values[0];
  const eidas = first.source === "eIDAS";
  return (
    <>
      <Title headingLevel="h2" id="sk-stammdaten-partner-title">
        {t(eidas ? "skStammdatenEidasTitle" : "skStammdatenPartnerTitle", { partner: first.partner })}
      </Title>
      <TextContent className="pf-v5-u-my-md">
        <Text>{t("skStammdatenPartnerText", { partner: first.partner, level: first.level })}</Text>
      </TextContent>
      <DescriptionList id="sk-stammdaten-brokered" isHorizontal isCompact>
        {values.map((value) => (
          <DescriptionListGroup key={value.name} data-attribute={value.name} data-source={value.source}>
            <DescriptionListTerm>{t(value.label)}</DescriptionListTerm>
            <DescriptionListDescription>
              {displayValue(value, i18n.language)}{" "}
              <Label color="blue" isCompact className="sk-brokered-mark">
                {t(eidas ? "skStammdatenEidasMark" : "skStammdatenPartnerMark", { partner: value.partner })}
              </Label>
            </DescriptionListDescription>
          </DescriptionListGroup>
        ))}
      </DescriptionList>
    </>
  );
};
