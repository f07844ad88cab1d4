import type Keycloak from "keycloak-js";
import type { BaseEnvironment } from "@keycloak/keycloak-ui-shared";

/** Thrown when one of our endpoints answers with an error the page shows to the person. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    /** For 401 step_up_required: the acr_values a new login must ask for (RFC 9470). */
    readonly acr?: string,
    /** The API's English explanation (error_description), for the console's own use, not shown as it is. */
    readonly description?: string,
  ) {
    super(`HTTP ${status}${code ? ` ${code}` : ""}`);
  }
}

type Context = { environment: BaseEnvironment; keycloak: Keycloak };

type Options = {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as it is, with its own type (a file to upload). */
  body?: Blob;
  /** Query parameters; undefined and empty values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
};

/** The address of one of our realm resources: path relative to /realms/{realm}/. */
export function realmUrl({ environment }: Pick<Context, "environment">, path: string, query?: Options["query"]) {
  const url = new URL(`${environment.serverBaseUrl}/realms/${encodeURIComponent(environment.realm)}/${path}`);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== "") url.searchParams.set(name, String(value));
  }
  return url.toString();
}

/** Error code of a refusal that a login at a higher trust level would lift (answered 401 with the acr to ask for). */
export const STEP_UP_REQUIRED = "step_up_required";

/**
 * One call on one of our realm resources (/realms/{realm}/sk-…, /postfach, …) with the console's own access token.
 * A 401 means the session behind the token is gone (logged out elsewhere, expired, account disabled): the person
 * logs in again and comes back here; the promise then never settles, as the page is left. A 401
 * {@link STEP_UP_REQUIRED} is no lost session but a login too weak for this action: it becomes an ApiError naming the
 * acr, so the page can offer the step-up (see startStepUp) instead of a plain login that would change nothing. Any
 * other error status becomes an ApiError with the API's stable error code.
 */
export async function call(context: Context, path: string, options: Options = {}): Promise<Response> {
  const headers: Record<string, string> = { Authorization: `Bearer ${await bearer(context)}` };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    headers["Content-Type"] = options.body.type || "application/octet-stream";
    body = options.body;
  }
  const response = await fetch(realmUrl(context, path, options.query), {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
    signal: options.signal,
  });
  if (!response.ok) return refused(context, response.status, await response.text().catch(() => ""));
  return response;
}

/**
 * The console's access token, refreshed when it is about to expire. When it cannot be (the session is gone) the
 * person logs in again and comes back here; the promise then never settles, as the page is left.
 */
export async function bearer({ keycloak }: Pick<Context, "keycloak">): Promise<string> {
  try {
    await keycloak.updateToken(5);
  } catch {
    await keycloak.login();
    return new Promise<string>(() => {});
  }
  return keycloak.token!;
}

/**
 * What an error answer (its status and body text) means for the page, as {@link call} describes: an ApiError, the
 * step-up's ApiError, or, for a lost session, a new login (never settles). For callers that cannot use fetch (an
 * upload with progress goes through XMLHttpRequest).
 */
export async function refused({ keycloak }: Pick<Context, "keycloak">, status: number, text: string): Promise<never> {
  let error: { error?: string; error_description?: string; acr?: string } = {};
  try {
    error = JSON.parse(text) ?? {};
  } catch {
    error = {};
  }
  if (status === 401 && error.error === STEP_UP_REQUIRED && error.acr) {
    throw new ApiError(401, STEP_UP_REQUIRED, error.acr);
  }
  if (status === 401) {
    await keycloak.login();
    return new Promise<never>(() => {});
  }
  throw new ApiError(status, error.error, undefined, error.error_description);
}

/** The step-up: a new login asking for {@code acr} (e.g. with the ID card), coming back to the page it started on. */
export function startStepUp({ keycloak }: Pick<Context, "keycloak">, acr: string): Promise<void> {
  return keycloak.login({ acrValues: acr, redirectUri: window.location.href });
}

/** A call whose answer is JSON (or nothing: 204 gives undefined). */
export async function callJson<T>(context: Context, path: string, options: Options = {}): Promise<T> {
  const response = await call(context, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** GET of a JSON resource. */
export function getJson<T>(context: Context, path: string, signal?: AbortSignal): Promise<T> {
  return callJson<T>(context, path, { signal });
}

/**
 * Fetches a file through the API (with the token, which a plain link cannot carry) and hands it to the browser as
 * a download under the name the server gave in Content-Disposition (or the fallback).
 */
export async function download(context: Context, path: string, fallbackName: string): Promise<void> {
  const response = await call(context, path);
  const blob = await response.blob();
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="([^"]+)"/i.exec(disposition);
  let name = plain ? plain[1] : fallbackName;
  try {
    if (star) name = decodeURIComponent(star[1]);
  } catch {
    // A malformed encoded name: the plain or the fallback name.
  }
  saveFile(blob, name);
}

/** Hands a file the page holds to the browser as a download named {@code name}. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
