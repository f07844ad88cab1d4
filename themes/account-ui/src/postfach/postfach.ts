/** The Postfach API (/realms/{realm}/postfach, docs/api/postfach-api.yaml) as the console uses it. */

export const FOLDERS = ["inbox", "sent", "archive", "trash"] as const;
export type Folder = (typeof FOLDERS)[number];

/** Messages per page of the list. */
export const PAGE_SIZE = 10;

export type Party = { kind: "user" | "organisation" | "authority"; id: string };

export type MessageSummary = {
  id: string;
  threadId?: string;
  folder?: Folder;
  direction?: "in" | "out";
  sender?: Party;
  recipient?: Party;
  senderName?: string;
  recipientName?: string;
  createdAt: string;
  read?: boolean;
  minimumTrustLevel?: string;
  minimumAcr?: string;
  notice?: boolean;
  attachmentCount?: number;
  locked?: boolean;
  contentIntegrity?: "failed";
  subject?: string;
  restorableUntil?: string;
};

export type Attachment = { id: string; filename: string; mimeType: string; size: number };

export type NoticeEvidence = {
  rule?: string;
  providedAt?: string;
  notifiedAt?: string;
  firstRetrievedAt?: string;
  deemedNotifiedAt?: string;
};

export type Message = Omit<MessageSummary, "notice"> & {
  body?: string;
  attachments?: Attachment[];
  notice?: NoticeEvidence | boolean;
};

export type FolderCount = {
  folder: Folder;
  total: number;
  totalCapped?: boolean;
  unread: number;
  unreadCapped?: boolean;
};

export type MessagePage = { messages: MessageSummary[]; next?: string; scanned?: number };

/** What a search asks the API for; empty members are left out. */
export type Search = { q: string; sender: string; since: string; until: string };

export const NO_SEARCH: Search = { q: "", sender: "", since: "", until: "" };

/** A mailbox the person may use: "me" or an organisation id. */
export type Mailbox = { id: string; name?: string };

/** The realm's limits for a mailbox (GET …/mailboxes/{box}/limits), shown before an upload and checked before it. */
export type Limits = {
  maxAttachments: number;
  maxAttachmentBytes: number;
  attachmentTypes: string[];
  maxSubjectChars: number;
  maxBodyChars: number;
};

export const mailboxPath = (box: string) => `postfach/mailboxes/${encodeURIComponent(box)}`;
export const messagePath = (box: string, id: string) => `${mailboxPath(box)}/messages/${encodeURIComponent(id)}`;

/** The message key of a trust level name (niedrig, substanziell, hoch), or undefined for another acr. */
export function levelKey(level: string | undefined): string | undefined {
  switch (level) {
    case "niedrig":
      return "skTrustLevelNiedrig";
    case "substanziell":
      return "skTrustLevelSubstanziell";
    case "hoch":
      return "skTrustLevelHoch";
    default:
      return undefined;
  }
}

/** The other party of a message as the list shows it: the sender of what came in, the recipient of what went out. */
export function counterpart(message: MessageSummary): string {
  const name = message.direction === "out" ? message.recipientName : message.senderName;
  return name || "–";
}

export function isNoticeEvidence(notice: Message["notice"]): notice is NoticeEvidence {
  return typeof notice === "object" && notice !== null;
}

/** The console address of a message page, relative to the console's base. */
export const consoleMessagePath = (box: string, id: string) => `postfach/${encodeURIComponent(box)}/${encodeURIComponent(id)}`;
