import type { UserProfileAttributeMetadata, UserRepresentation } from "@keycloak/keycloak-account-ui";

/**
 * Annotation the server's user profile puts on an attribute whose value the ID card verified for this person
 * (providers/eid VerifiedValuesUserProfile); the attribute is then read-only too.
 */
export const VERIFIED_ANNOTATION = "skVerifiedBy";

/**
 * Annotations on a value a partner sent at the account's first login and still unchanged (providers/eid
 * VerifiedValuesUserProfile): the source (`FINK:<alias>` or `eIDAS`), the partner's name and the level it vouched for.
 */
export const BROKERED_ANNOTATION = "skBrokeredBy";
export const BROKERED_NAME_ANNOTATION = "skBrokeredName";
export const BROKERED_LEVEL_ANNOTATION = "skBrokeredLevel";

export type BrokeredValue = VerifiedValue & { source: string; partner: string; level: string };

/** The acr of trust level "hoch": a login asking for it reads the ID card and links it to the account. */
export const ACR_HOCH = "http://eidas.europa.eu/LoA/high";

/** Servicekonto's own self-deletion (required action of providers/eid), started as an application-initiated action. */
export const DELETE_ACTION = "sk-delete-account";

export type VerifiedValue = { name: string; label: string; value: string };

/** "${key}" of the profile configuration becomes the message key, anything else is shown as it is. */
export function labelKey(displayName: string | undefined, name: string) {
  const match = /^\$\{(.+)\}$/.exec(displayName ?? "");
  return match ? match[1] : displayName || name;
}

function valueOf(user: UserRepresentation, name: string): string {
  const root = user[name];
  if (typeof root === "string") return root;
  const values: unknown = user.attributes?.[name];
  if (Array.isArray(values)) return values.filter((v) => typeof v === "string" && v !== "").join(", ");
  return typeof values === "string" ? values : "";
}

/** The person's values the ID card verified, in the order of the profile, with their message keys as labels. */
export function verifiedValues(user: UserRepresentation): VerifiedValue[] {
  const attributes: UserProfileAttributeMetadata[] = user.userProfileMetadata?.attributes ?? [];
  return attributes
    .filter((attribute) => attribute.annotations?.[VERIFIED_ANNOTATION])
    .map((attribute) => ({
      name: attribute.name,
      label: labelKey(attribute.displayName, attribute.name),
      value: valueOf(user, attribute.name),
    }))
    .filter((verified) => verified.value !== "");
}

/** A date of the profile (ISO, html5-date) as people read it in the page's language; other values as they are. */
export function displayValue(value: VerifiedValue, language: string) {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.value);
  if (!date) return value.value;
  const [, year, month, day] = date.map(Number);
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** The person's values still as a partner (another state's Servicekonto, an EU eID) sent them, in profile order. */
export function brokeredValues(user: UserRepresentation): BrokeredValue[] {
  const attributes: UserProfileAttributeMetadata[] = user.userProfileMetadata?.attributes ?? [];
  return attributes
    .filter((attribute) => attribute.annotations?.[BROKERED_ANNOTATION])
    .map((attribute) => ({
      name: attribute.name,
      label: labelKey(attribute.displayName, attribute.name),
      value: valueOf(user, attribute.name),
      source: String(attribute.annotations?.[BROKERED_ANNOTATION] ?? ""),
      partner: String(attribute.annotations?.[BROKERED_NAME_ANNOTATION] ?? ""),
      level: String(attribute.annotations?.[BROKERED_LEVEL_ANNOTATION] ?? ""),
    }))
    .filter((brokered) => brokered.value !== "");
}
