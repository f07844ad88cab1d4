package de.servicekonto.postfach.rest;

/**
 * Whether a token whose subject is a client's service account was issued to that client itself: its {@code azp}
 * must be the client's client id. Without this check any client that gets hold of a token for the service account
 * user (token exchange, a misconfigured audience) would act as the authority's Fachverfahren. The organisations
 * module applies the same rule to its callers.
 */
final class FachverfahrenToken {

    private FachverfahrenToken() {
    }

    static boolean isOwn(String serviceAccountClientId, String authorizedParty) {
        return serviceAccountClientId != null && serviceAccountClientId.equals(authorizedParty);
    }
}
