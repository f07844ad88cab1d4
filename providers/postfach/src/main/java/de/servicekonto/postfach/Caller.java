package de.servicekonto.postfach;

import java.util.Set;

/**
 * Who calls, from a verified bearer token: a person (the account's id, with the session's trust level from the
 * token's {@code acr}) or a Fachverfahren client acting for its authority (service account; {@code authorityId} set).
 *
 * @param userId the account's id (for a Fachverfahren: its service account's)
 * @param loa    the session's level of authentication; service accounts have none and are not limited by it
 */
public record Caller(String userId, String serviceAuthorityId, int loa, Set<String> scopes) {

    public static final String READ = "postfach:read";
    public static final String SEND = "postfach:send";

    public boolean isServiceAccount() {
        return serviceAuthorityId != null;
    }

    /** Whether the caller's session may open content that needs {@code minLoa}. */
    public boolean reaches(int minLoa) {
        return isServiceAccount() || loa >= minLoa;
    }
}
