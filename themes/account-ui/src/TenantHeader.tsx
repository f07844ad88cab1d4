// useEnvironment from the account-ui library: it bundles its own copy of ui-shared, whose context KeycloakProvider
// (main.tsx) fills; ui-shared's own useEnvironment would find no context there. The masthead needs no context.
import { useEnvironment, type AccountEnvironment } from "@keycloak/keycloak-account-ui";
import { KeycloakMasthead } from "@keycloak/keycloak-ui-shared";
import { Button } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import type { Tenant } from "./tenant";

/**
 * The header of a tenant's console: Keycloak's masthead (navigation toggle, user menu) with the tenant's logo, linked
 * to its site, and its name, in place of the Servicekonto logo. Values come from the realm (index.ftl), so every
 * tenant shares this one theme. The logo sits on a white plate: a municipality's coat of arms is usually drawn for
 * a light background, the header is dark blue.
 */
export const TenantHeader = ({ tenant }: { tenant: Tenant }) => {
  const { keycloak, environment } = useEnvironment<AccountEnvironment>();
  const { t } = useTranslation();
  const src = tenant.logoUrl ?? `${environment.resourceUrl}/logo.svg`;
  const alt = tenant.logoUrl ? t("skTenantLogo", { name: tenant.name }) : t("logo");
  return (
    <KeycloakMasthead
      data-testid="page-header"
      keycloak={keycloak}
      features={{ hasManageAccount: false }}
      brand={{ href: tenant.url ?? environment.baseUrl, src, alt, className: "sk-tenant-logo" }}
      toolbar={
        <span className="sk-tenant-name" data-testid="sk-tenant-name">
          {tenant.name}
        </span>
      }
      toolbarItems={
        environment.referrerUrl && environment.referrerName
          ? [
              <Button key="referrer" variant="link" component="a" href={environment.referrerUrl}>
                {t("backTo", { app: environment.referrerName })}
              </Button>,
            ]
          : []
      }
    />
  );
};
