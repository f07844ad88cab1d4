/** One entry of GET /realms/{realm}/sk-account/activity (docs/api/account-api.yaml). */
export type ActivityEntry = {
  time: string;
  type: "LOGIN" | "REGISTER" | "PROFILE_UPDATE" | "DATA_RELEASE" | "CONSENT_REVOKED" | string;
  portal?: string | null;
  portalName?: string | null;
  trustLevel?: string | null;
  trustLevelName?: string | null;
  means?: string | null;
  detail?: string | null;
};

export type ActivityPage = { first: number; max: number; entries: ActivityEntry[] };

/** Entries shown per page. */
export const PAGE_SIZE = 20;

/**
 * The API has no total count: asking for one entry more than shown tells whether an older page exists, without a
 * second request.
 */
export function activityPath(first: number): string {
  return `sk-account/activity?first=${first}&max=${PAGE_SIZE + 1}`;
}

// The values the server records in "means" (Means.RECORDED in providers/trust-level) with their message keys; any
// other value is shown as the server wrote it.
const MEANS_KEYS: Record<string, string> = {
  Benutzername: "skActivityMeansPassword",
  eID: "skActivityMeansEid",
  Passkey: "skActivityMeansPasskey",
  "Benutzername+Passkey": "skActivityMeansPasswordAndPasskey",
  FINK: "skActivityMeansFink",
  eIDAS: "skActivityMeansEidas",
  Elster: "skActivityMeansCertificate",
};

export function meansKey(means: string): string | undefined {
  return MEANS_KEYS[means];
}

const LEVEL_KEYS: Record<string, string> = {
  niedrig: "skTrustLevelNiedrig",
  substanziell: "skTrustLevelSubstanziell",
  hoch: "skTrustLevelHoch",
};

export function trustLevelKey(name: string): string | undefined {
  return LEVEL_KEYS[name];
}

// Keycloak's own account applications have no display name in the log (the server leaves portalName empty for
// Keycloak's built-in clients): logins go through "account-console", saved changes through the account REST API
// ("account"). The person knows both as their Servicekonto.
const ACCOUNT_CLIENTS = new Set(["account-console", "account"]);

export function isAccountClient(clientId: string | null | undefined): boolean {
  return clientId != null && ACCOUNT_CLIENTS.has(clientId);
}
