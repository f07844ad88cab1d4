import { useEnvironment } from "@keycloak/keycloak-account-ui";
import { useEffect, useState } from "react";
import { ApiError, getJson } from "../api";
import { type Organisation, organisationPath } from "./organisations";

/** One organisation as GET organisations/{id} gives it, with the person's role in it; or why it could not be read. */
export type OrganisationState =
  | { kind: "loading" }
  | { kind: "failed"; status: number }
  | { kind: "loaded"; organisation: Organisation };

/** Reads the organisation {@code id} (again when the id changes), for the organisation's page and its safe. */
export function useOrganisation(id: string): OrganisationState {
  const context = useEnvironment();
  const [state, setState] = useState<OrganisationState>({ kind: "loading" });
  useEffect(() => {
    const abort = new AbortController();
    setState({ kind: "loading" });
    getJson<Organisation>(context, organisationPath(id), abort.signal)
      .then((organisation) => setState({ kind: "loaded", organisation }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState({ kind: "failed", status: error instanceof ApiError ? error.status : 0 });
      });
    return () => abort.abort();
    // The context object is stable for the page's life; the organisation's id is what changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  return state;
}
