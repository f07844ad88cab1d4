/**
 * Uploading a file into a safe, with progress. A file that fits one request goes as the body of
 * `POST {safe}/documents?filename=…`; a larger one through an upload session (docs/api/dokumentensafe-api.yaml,
 * "uploads"): the server refuses request bodies above 10 MiB, so the file goes in parts of the session's partSize,
 * strictly in order, and the session is completed into a document (or deleted on failure or cancel).
 * XMLHttpRequest rather than fetch: only it reports an upload's progress.
 */
import type Keycloak from "keycloak-js";
import type { BaseEnvironment } from "@keycloak/keycloak-ui-shared";
import { ApiError, bearer, callJson, realmUrl, refused } from "../api";
import { declaredType, type SafeDocument } from "./dokumentensafe";

type Context = { environment: BaseEnvironment; keycloak: Keycloak };

/** The part size the server names for upload sessions (8 MiB): a file up to it goes in one request. */
export const PART_SIZE = 8 * 1024 * 1024;

type Session = { id: string; partSize: number; parts: number; expiresAt: number };

/** Bytes sent so far of the file's total. */
export type Progress = (sent: number, total: number) => void;

/**
 * Uploads {@code file} into {@code folder} (null: the top) of the safe at {@code safe} ("dokumentensafe/me");
 * resolves with the stored document, rejects with an ApiError (the API's code) or an AbortError when cancelled.
 */
export async function upload(
  context: Context,
  safe: string,
  file: File,
  folder: string | null,
  onProgress: Progress,
  signal: AbortSignal,
): Promise<SafeDocument> {
  const type = declaredType(file);
  if (file.size <= PART_SIZE) {
    const url = realmUrl(context, `${safe}/documents`, { filename: file.name, folder: folder ?? undefined });
    const answer = await send(context, "POST", url, file, type, (sent) => onProgress(sent, file.size), signal);
    return JSON.parse(answer) as SafeDocument;
  }
  const session = await callJson<Session>(context, `${safe}/uploads`, {
    json: { filename: file.name, folder, size: file.size, contentType: type },
    signal,
  });
  const sessionPath = `${safe}/uploads/${encodeURIComponent(session.id)}`;
  try {
    for (let index = 0, start = 0; start < file.size; index++, start += session.partSize) {
      const part = file.slice(start, Math.min(start + session.partSize, file.size));
      const url = realmUrl(context, `${sessionPath}/parts/${index}`);
      await send(context, "PUT", url, part, "application/octet-stream", (sent) => onProgress(start + sent, file.size), signal);
    }
    return await callJson<SafeDocument>(context, `${sessionPath}/complete`, { method: "POST", signal });
  } catch (error) {
    // Nothing half-uploaded stays behind (the server's timer would purge it too).
    await callJson(context, sessionPath, { method: "DELETE" }).catch(() => undefined);
    throw error;
  }
}

/** One request with the console's token; resolves with the answer's text on 2xx. */
async function send(
  context: Context,
  method: "POST" | "PUT",
  url: string,
  body: Blob,
  type: string,
  onProgress: (sent: number) => void,
  signal: AbortSignal,
): Promise<string> {
  const token = await bearer(context);
  if (signal.aborted) throw new DOMException("cancelled", "AbortError");
  const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(method, url);
    request.setRequestHeader("Authorization", `Bearer ${token}`);
    request.setRequestHeader("Content-Type", type);
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () => resolve({ status: request.status, text: request.responseText });
    // A connection the server closed (a body above its limit) or a network failure: no answer to read.
    request.onerror = () => reject(new ApiError(0, undefined));
    request.onabort = () => reject(new DOMException("cancelled", "AbortError"));
    signal.addEventListener("abort", () => request.abort(), { once: true });
    request.send(body);
  });
  if (answer.status < 200 || answer.status >= 300) return refused(context, answer.status, answer.text);
  onProgress(body.size);
  return answer.text;
}
