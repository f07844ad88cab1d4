import { createInstance, type LanguageDetectorModule } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";
import { environment } from "./environment";

type Message = { key: string; value: string };

// The locale Keycloak chose for this page (user's setting, kc_locale, browser, realm default "de").
const keycloakLocale: LanguageDetectorModule = {
  type: "languageDetector",
  detect: () => environment.locale,
};

/**
 * One i18next instance for Keycloak's pages and ours. The texts are the account theme's message bundles
 * (messages_de/en.properties of theme "servicekonto" over keycloak.v3), as the server serves them merged.
 */
export const i18n = createInstance({
  fallbackLng: "de",
  // Message keys are flat ("skActivityTypeLOGIN"), as in Keycloak's bundles.
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  backend: {
    loadPath: `${environment.serverBaseUrl}/resources/${encodeURIComponent(environment.realm)}/account/{{lng}}`,
    parse: (data: string) =>
      Object.fromEntries((JSON.parse(data) as Message[]).map(({ key, value }) => [key, value])),
  },
});

i18n.use(FetchBackend).use(keycloakLocale).use(initReactI18next);
