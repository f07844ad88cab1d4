import type { TFunction } from "i18next";
import { ApiError, STEP_UP_REQUIRED } from "../api";

/** The shapes of the organisations API the console reads (docs/api/organisations-api.yaml). */
export type Kind = "ORGANISATION" | "AUTHORITY";
export type Role = "ADMIN" | "USER";
export type AuthorityStatus = "APPLIED" | "VERIFIED" | "ACTIVE" | "REJECTED" | "SUSPENDED";

/** One membership of GET organisations. */
export type Membership = {
  id: string;
  name: string;
  kind: Kind;
  role: Role;
  verified?: boolean;
  status?: AuthorityStatus;
  mayAct?: boolean;
};

/** A review step of an authority: what the operator decided, when and why. */
export type Transition = { from?: string; to: string; time: string; reason?: string };

/** GET organisations/{id}. */
export type Organisation = Membership & {
  legalForm?: string;
  registerType?: string;
  registerNumber?: string;
  registerCourt?: string;
  street?: string;
  postalCode?: string;
  city?: string;
  contactEmail?: string;
  contactPhone?: string;
  responsiblePerson?: string;
  agencyKey?: string;
  verifiedAt?: string;
  createdAt?: string;
  favourites?: string[];
  transitions?: Transition[];
};

export type Member = {
  id: string;
  username: string;
  firstName?: string;
  lastName?: string;
  /** Only administrators see the members' addresses. */
  email?: string;
  role: Role;
};

export type Invitation = { id: string; email: string; sentAt: string; expiresAt: string; expired: boolean };

/** Members are read in pages of this size. */
export const MEMBER_PAGE = 50;

export const organisationPath = (id: string, rest = "") =>
  `sk-organisations/organisations/${encodeURIComponent(id)}${rest}`;

/** The error codes the organisations API answers with that the console explains in its own words. */
const EXPLAINED = new Set([
  "forbidden",
  "admin_required",
  "step_up_required",
  "last_administrator",
  "already_member",
  "invitation_pending",
  "too_many_pending_invitations",
  "recipient_limit_reached",
  "invitation_limit_reached",
  "organisation_disabled",
  "managed_member",
  "member_not_found",
  "not_found",
  "unknown_client",
  "too_many_favourites",
  "invalid_request",
  "registration_limit_reached",
  "organisation_exists",
  "organisations_disabled",
  "conflict",
]);

/** The plain-language text for a refused call: one message per API error code, a general one otherwise. */
export function errorText(t: TFunction, error: unknown): string {
  const code = error instanceof ApiError ? error.code : undefined;
  return code && EXPLAINED.has(code) ? t(`skOrgError_${code}`) : t("skOrgError_other");
}

export const isStepUp = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.code === STEP_UP_REQUIRED && !!error.acr;

export const personName = (member: Member) =>
  [member.firstName, member.lastName].filter(Boolean).join(" ") || member.username;
