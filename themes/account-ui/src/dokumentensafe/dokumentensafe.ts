/** The Dokumentensafe API (/realms/{realm}/dokumentensafe, docs/api/dokumentensafe-api.yaml) as the console uses it. */
import type { TFunction } from "i18next";
import { ApiError } from "../api";

/** The person's own safe. */
export const SAFE = "dokumentensafe/me";

/** An organisation's safe: the same operations under another prefix (members read, administrators manage). */
export const organisationSafe = (orgId: string) => `dokumentensafe/organisations/${encodeURIComponent(orgId)}`;

/** Documents per page of the list. */
export const PAGE_SIZE = 20;

export type SafeDocument = {
  id: string;
  name: string;
  type: string;
  size: number;
  folder?: string | null;
  createdAt: number;
  deletedAt?: number | null;
  /** Copied from a Postfach message above this session's trust level: no name, no action but a new login. */
  locked?: boolean;
  requiredLevel?: string;
  /**
   * Its stored name failed the integrity check (the row was changed in the database): the API gives only the id;
   * every action on it would answer 409 content_integrity, so the row offers none.
   */
  damaged?: boolean;
};

export type SafeFolder = { id: string; name: string; parent?: string | null; createdAt: number };

export type DocumentPage = { documents: SafeDocument[]; first: number; max: number };

export type Usage = {
  usedBytes: number;
  quotaBytes: number;
  maxFileBytes: number;
  documents: number;
  undoDays: number;
  allowedTypes: string[];
};

export const documentPath = (safe: string, id: string) => `${safe}/documents/${encodeURIComponent(id)}`;
export const folderPath = (safe: string, id: string) => `${safe}/folders/${encodeURIComponent(id)}`;

/** The folders from the top down to {@code id} (empty for the top); stops at a cycle or a missing parent. */
export function pathTo(folders: SafeFolder[], id: string | null): SafeFolder[] {
  const byId = new Map(folders.map((folder) => [folder.id, folder]));
  const path: SafeFolder[] = [];
  for (let current = id ? byId.get(id) : undefined; current && !path.includes(current); ) {
    path.unshift(current);
    current = current.parent ? byId.get(current.parent) : undefined;
  }
  return path;
}

/** The folders directly below {@code parent} (null: the top), by name. */
export function children(folders: SafeFolder[], parent: string | null): SafeFolder[] {
  return folders
    .filter((folder) => (folder.parent ?? null) === parent)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every folder in tree order with its depth, for a choice list ("move to …"); {@code without} and its subtree left out. */
export function flatTree(folders: SafeFolder[], without?: string): { folder: SafeFolder; depth: number }[] {
  const out: { folder: SafeFolder; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const folder of children(folders, parent)) {
      if (folder.id === without || depth > 8) continue;
      out.push({ folder, depth });
      walk(folder.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** A size as people read it: bytes, KB, MB, GB (powers of 1024, as the limits are), in the page's language. */
export function formatSize(bytes: number, language: string): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** Short names of the allowed types for people, the same in every language; a type not listed here is shown as it is. */
const TYPE_NAMES: Record<string, string> = {
  "application/pdf": "PDF",
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "image/gif": "GIF",
  "image/tiff": "TIFF",
  "application/zip": "ZIP",
  "text/plain": "Text",
  "text/csv": "CSV",
  "application/xml": "XML",
  "text/xml": "XML",
  "application/msword": "Word",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
  "application/vnd.ms-excel": "Excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
  "application/vnd.ms-powerpoint": "PowerPoint",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
  "application/vnd.oasis.opendocument.text": "OpenDocument",
  "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument",
  "application/vnd.oasis.opendocument.presentation": "OpenDocument",
};

export const typeName = (type: string) => TYPE_NAMES[type.split(";")[0].trim()] ?? type;

/** The allowed types for the hint above the upload, each named once ("PDF, PNG, …, Word, …"). */
export const typeNames = (types: string[]) => [...new Set(types.map(typeName))].join(", ");

/**
 * The type an upload declares: the browser's, or for a file the browser could not type (an empty type, as some
 * systems give for .csv or .xml) the type its ending names. The server checks the content against it either way.
 */
export function declaredType(file: File): string {
  if (file.type) return file.type;
  const ending = file.name.toLowerCase().split(".").pop() ?? "";
  const byEnding: Record<string, string> = {
    pdf: "application/pdf",
    png: "image/png",
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    gif: "image/gif",
    tif: "image/tiff",
    tiff: "image/tiff",
    zip: "application/zip",
    txt: "text/plain",
    csv: "text/csv",
    xml: "application/xml",
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    odt: "application/vnd.oasis.opendocument.text",
    ods: "application/vnd.oasis.opendocument.spreadsheet",
    odp: "application/vnd.oasis.opendocument.presentation",
  };
  return byEnding[ending] ?? "application/octet-stream";
}

/** The error codes of the API that the page explains in their own words (skSafeError_<code>). */
const EXPLAINED = new Set([
  "quota_exceeded",
  "file_too_large",
  "request_too_large",
  "type_not_allowed",
  "content_type_mismatch",
  "unsupported_media_type",
  "invalid_name",
  "empty_document",
  "upload_failed",
  "too_many_documents",
  "too_many_folders",
  "folder_too_deep",
  "folder_cycle",
  "folder_not_empty",
  "document_deleted",
  "not_deleted",
  "content_integrity",
  "temporarily_unavailable",
  "not_found",
  "insufficient_scope",
  "conflict",
  "organisation_admin_required",
  "organisation_not_active",
]);

/** A refusal in plain words, chosen by the API's stable error code (never by its English text). */
export function errorText(t: TFunction, error: unknown): string {
  const code = error instanceof ApiError ? error.code : undefined;
  if (code && EXPLAINED.has(code)) return t(`skSafeError_${code}`);
  // Without a code: the server or a proxy refused the body itself (too large), or the connection broke.
  if (error instanceof ApiError && error.status === 413) return t("skSafeError_request_too_large");
  return t("skSafeError_other");
}
