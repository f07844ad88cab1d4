import { Header, PageNav } from "@keycloak/keycloak-account-ui";
import { Page, SkipToContent, Spinner } from "@patternfly/react-core";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Outlet } from "react-router-dom";
import { tenant } from "./tenant";
import { TenantHeader } from "./TenantHeader";

/**
 * The frame of every page: Keycloak's header (our logo from the theme's resources/logo.svg, the user menu), or in a
 * tenant's realm the tenant's header (its logo and name), and Keycloak's navigation (from resources/content.json,
 * which lists our pages too).
 */
export const Root = () => {
  const { t } = useTranslation();
  return (
    <Page
      header={tenant ? <TenantHeader tenant={tenant} /> : <Header />}
      sidebar={<PageNav />}
      isManagedSidebar
      skipToContent={<SkipToContent href="#sk-main">{t("skSkipToContent")}</SkipToContent>}
      mainContainerId="sk-main"
    >
      <Suspense fallback={<Spinner aria-label={t("skLoading")} />}>
        <Outlet />
      </Suspense>
    </Page>
  );
};
