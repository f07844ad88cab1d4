import type Keycloak from "keycloak-js";
import type { BaseEnvironment } from "@keycloak/keycloak-ui-shared";

/** Thrown when one of our endpoints answers with an error the page shows to the person. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    /** With step_up_required (Postfach): the acr the message needs. */
    readonly acr?: string,
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

/**
 * One call on one of our realm resources (/realms/{realm}/sk-…, /postfach, …) with the console's own access token.
 * A 401 means the session behind the token is gone (logged out elsewhere, expired, account disabled): the person
 * logs in again and comes back here; the promise then never settles, as the page is left. Any other error status
 * becomes an ApiError with the API's stable error code.
 */
export async function call(context: Context, path: string, options: Options = {}): Promise<Response> {
  const { keycloak } = context;
  try {
    await keycloak.updateToken(5);
  } catch {
    await keycloak.login();
    return new Promise<Response>(() => {});
  }
  const headers: Record<string, string> = { Authorization: `Bearer ${keycloak.token}` };
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
  if (!response.ok) {
    let code: string | undefined;
    let acr: string | undefined;
    try {
      const error = await response.json();
      code = error.error;
      acr = error.acr;
    } catch {
      code = undefined;
    }
    // A 401 step_up_required (RFC 9470) asks for a stronger login for this one resource: the page offers it.
    if (response.status === 401 && code !== "step_up_required") {
      await keycloak.login();
      return new Promise<Response>(() => {});
    }
    throw new ApiError(response.status, code, acr);
  }
  return response;
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
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
