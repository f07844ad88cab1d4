import { Alert, PageSection } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

/** Shown for an address the console does not know or a page that failed to render. */
export const ErrorPage = () => {
  const { t } = useTranslation();
  return (
    <PageSection>
      <Alert variant="danger" isInline title={t("skErrorPageTitle")}>
        {t("skErrorPageText")}
      </Alert>
    </PageSection>
  );
};
