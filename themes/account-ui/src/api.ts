import type Keycloak from "keycloak-js";
import type { BaseEnvironment } from "@keycloak/keycloak-ui-shared";

/** Thrown when one of our endpoints answers with an error the page shows to the person. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(`HTTP ${status}${code ? ` ${code}` : ""}`);
  }
}

type Context = { environment: BaseEnvironment; keycloak: Keycloak };

/**
 * GET on one of our realm resources (/realms/{realm}/sk-…) with the console's own access token. A 401 means the
 * session behind the token is gone (logged out elsewhere, expired): the person logs in again and comes back here;
 * the promise then never settles, as the page is left.
 */
export async function getJson<T>(
  { environment, keycloak }: Context,
  path: string,
  signal?: AbortSignal,
): Promise<T> {
  try {
    await keycloak.updateToken(5);
  } catch {
    await keycloak.login();
    return new Promise<T>(() => {});
  }
  const url = `${environment.serverBaseUrl}/realms/${encodeURIComponent(environment.realm)}/${path}`;
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${keycloak.token}`, Accept: "application/json" },
    signal,
  });
  if (response.status === 401) {
    await keycloak.login();
    return new Promise<T>(() => {});
  }
  if (!response.ok) {
    let code: string | undefined;
    try {
      code = (await response.json()).error;
    } catch {
      code = undefined;
    }
    throw new ApiError(response.status, code);
  }
  return (await response.json()) as T;
}
