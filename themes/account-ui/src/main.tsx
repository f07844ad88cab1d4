import "@patternfly/react-core/dist/styles/base.css";
import "@patternfly/patternfly/patternfly-addons.css";
import "keycloak-account-ui.css";
import "./servicekonto.css";

import { KeycloakProvider, routes as keycloakRoutes } from "@keycloak/keycloak-account-ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider, type RouteObject } from "react-router-dom";
import { nameTogglesByLabelAndValue } from "./a11y/labelInName";
import { ActivityPage } from "./activity/ActivityPage";
import { DokumentensafePage } from "./dokumentensafe/DokumentensafePage";
import { OrganisationSafePage } from "./dokumentensafe/OrganisationSafePage";
import { environment } from "./environment";
import { i18n } from "./i18n";
import { OrganisationPage } from "./organisations/OrganisationPage";
import { OrganisationsPage } from "./organisations/OrganisationsPage";
import { RegisterOrganisationPage } from "./organisations/RegisterOrganisationPage";
import { MessagePage } from "./postfach/MessagePage";
import { PostfachPage } from "./postfach/PostfachPage";
import { ErrorPage } from "./ErrorPage";
import { Root } from "./Root";
import { StammdatenPage } from "./stammdaten/StammdatenPage";

// Keycloak's pages (personal info, signing in, device activity, applications, …) stay as Keycloak ships them; ours
// are added next to them. The navigation lists them from the theme's resources/content.json.
const ourRoutes: RouteObject[] = [
  // The start page: Keycloak's personal-info form, with what the ID card confirmed and "Konto löschen" below it.
  { index: true, element: <StammdatenPage /> },
  { path: "postfach", element: <PostfachPage /> },
  // A message has its own address: the step-up login for a locked message returns to it.
  { path: "postfach/:box/:id", element: <MessagePage /> },
  { path: "dokumentensafe", element: <DokumentensafePage /> },
  { path: "aktivitaeten", element: <ActivityPage /> },
  { path: "organisationen", element: <OrganisationsPage /> },
  { path: "organisationen/registrieren", element: <RegisterOrganisationPage /> },
  { path: "organisationen/:id", element: <OrganisationPage /> },
  { path: "organisationen/:id/dokumentensafe", element: <OrganisationSafePage /> },
];

const router = createBrowserRouter([
  {
    path: decodeURIComponent(new URL(environment.baseUrl).pathname),
    element: <Root />,
    errorElement: <ErrorPage />,
    children: [...keycloakRoutes.filter((route) => !route.index), ...ourRoutes],
  },
]);

// Keycloak's personal-info page announces a newly saved language with this event: the console switches at once, as
// Keycloak's own console does, and the page's language attribute follows for screen readers.
window.addEventListener("languageChanged", (event) => {
  const { language } = (event as CustomEvent<{ language: string }>).detail;
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
});

i18n.init().then(() => {
  const app = document.getElementById("app")!;
  nameTogglesByLabelAndValue(app);
  createRoot(app).render(
    <StrictMode>
      <KeycloakProvider environment={environment}>
        <RouterProvider router={router} />
      </KeycloakProvider>
    </StrictMode>,
  );
});
