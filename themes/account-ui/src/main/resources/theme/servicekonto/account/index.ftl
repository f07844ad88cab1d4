<#-- The page Keycloak serves at /realms/{realm}/account/: loads this theme's Vite bundle (entryScript, entryStyles
     from resources/.vite/manifest.json) and hands it the environment. React comes from Keycloak's vendored copy.
     skTenant: the tenant's branding from the realm (display name, attributes sk.branding.logoUrl and sk.branding.url
     that sk-tenant.sh writes), as JSON strings; the console checks the addresses again (src/tenant.ts). -->
<!doctype html>
<html lang="${locale}" dir="${localeDir}">
  <head>
    <meta charset="utf-8">
    <link rel="icon" type="image/svg+xml" href="${resourceUrl}/favicon.svg">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light">
    <meta name="description" content="${msg("skConsoleDescription")}">
    <title>${msg("skConsoleTitle")}</title>
    <style>
      body { margin: 0; }
      body, #app { height: 100%; }
      .sk-loading {
        height: 100vh;
        display: flex;
        align-items: center;
        justify-content: center;
        font-family: "RedHatText", "Red Hat Text", Arial, sans-serif;
        font-size: 20px;
        font-weight: 600;
        color: #004b87;
      }
    </style>
    <script type="importmap">
      {
        "imports": {
          "react": "${resourceCommonUrl}/vendor/react/react.production.min.js",
          "react/jsx-runtime": "${resourceCommonUrl}/vendor/react/react-jsx-runtime.production.min.js",
          "react-dom": "${resourceCommonUrl}/vendor/react-dom/react-dom.production.min.js"
        }
      }
    </script>
    <#if !isSecureContext>
      <script type="module" src="${resourceCommonUrl}/vendor/web-crypto-shim/web-crypto-shim.js"></script>
    </#if>
    <#if entryStyles?has_content>
      <#list entryStyles as style>
        <link rel="stylesheet" href="${resourceUrl}/${style}">
      </#list>
    </#if>
    <#if entryScript?has_content>
      <script type="module" src="${resourceUrl}/${entryScript}"></script>
    </#if>
    <#if entryImports?has_content>
      <#list entryImports as import>
        <link rel="modulepreload" href="${resourceUrl}/${import}">
      </#list>
    </#if>
  </head>
  <body data-page-id="account">
    <div id="app">
      <main class="sk-loading">
        <p role="status">${msg("skLoadingConsole")}</p>
      </main>
    </div>
    <noscript>${msg("skNoScript")}</noscript>
    <script id="environment" type="application/json">
      {
        "serverBaseUrl": "${serverBaseUrl}",
        "authUrl": "${authUrl}",
        "authServerUrl": "${authServerUrl}",
        "realm": "${realm.name}",
        "clientId": "${clientId}",
        "resourceUrl": "${resourceUrl}",
        "logo": "${properties.logo!""}",
        "logoUrl": "${properties.logoUrl!""}",
        "darkMode": false,
        "baseUrl": "${baseUrl}",
        "locale": "${locale}",
        "referrerName": "${referrerName!""}",
        "referrerUrl": "${referrer_uri!""}",
        "features": {
          "isRegistrationEmailAsUsername": ${realm.registrationEmailAsUsername?c},
          "isEditUserNameAllowed": ${realm.editUsernameAllowed?c},
          "isInternationalizationEnabled": ${realm.isInternationalizationEnabled()?c},
          "isLinkedAccountsEnabled": ${isLinkedAccountsEnabled?c},
          "isMyResourcesEnabled": ${(realm.userManagedAccessAllowed && isAuthorizationEnabled)?c},
          "isViewOrganizationsEnabled": ${isViewOrganizationsEnabled?c},
          "deleteAccountAllowed": ${deleteAccountAllowed?c},
          "updateEmailFeatureEnabled": ${updateEmailFeatureEnabled?c},
          "updateEmailActionEnabled": ${updateEmailActionEnabled?c},
          "isViewApplicationsEnabled": ${isViewApplicationsEnabled?c},
          "isViewGroupsEnabled": ${isViewGroupsEnabled?c},
          "isOid4VciEnabled": ${isOid4VciEnabled?c}
        },
        "scope": "${scope!""}",
        "skTenant": {
          "name": "${(realm.displayName!"")?json_string?no_esc}",
          "logoUrl": "${((realm.getAttribute("sk.branding.logoUrl"))!"")?json_string?no_esc}",
          "url": "${((realm.getAttribute("sk.branding.url"))!"")?json_string?no_esc}"
        }
      }
    </script>
  </body>
</html>
