package de.servicekonto.organisations;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.TrustLevelIdentifier;
import de.servicekonto.trustlevel.Vocabulary;

/**
 * Who may act as an operator (review and activate authorities, bind Fachverfahren clients, verify organisations),
 * and which logins may change the roles in an authority. An operator's token is a strong credential: with it an
 * authority starts sending official notices. So besides the realm role it must come from the realm's operator
 * client (not from any portal that may use the organisations API) and from a login at trust level hoch.
 *
 * <p>The checks run in an order that tells the caller what would help: wrong kind of account, missing role and
 * wrong client are final (403); a login that is too weak is answered {@code 401 step_up_required}, which a new
 * login with the named {@code acr} lifts (RFC 9470).
 */
public final class OperatorAccess {

    /** Realm attribute: the client id of the operator client (default {@value #DEFAULT_CLIENT}). */
    public static final String CLIENT_ATTRIBUTE = "sk.organisations.operatorClient";
    /** The operator client the example realm ships. */
    public static final String DEFAULT_CLIENT = "sk-operator-console";
    /** The level operator actions and role changes in an authority need. */
    public static final TrustLevel REQUIRED = TrustLevel.HOCH;

    private OperatorAccess() {
    }

    /** The operator client's client id from the realm attribute's value (blank: the default). */
    public static String operatorClient(String configured) {
        return configured == null || configured.isBlank() ? DEFAULT_CLIENT : configured.trim();
    }

    /**
     * Refuses unless the caller may act as an operator.
     *
     * @param serviceAccount whether the token is a client's own (client credentials)
     * @param hasRole        whether the account holds the operator role the endpoint needs
     * @param role           that role's name, for the message
     * @param issuedFor      the token's {@code azp}
     * @param operatorClient the realm's operator client ({@link #operatorClient(String)})
     * @param acr            the token's {@code acr}
     */
    public static void check(boolean serviceAccount, boolean hasRole, String role, String issuedFor,
            String operatorClient, String acr) {
        if (serviceAccount) {
            throw new OrganisationException(403, "personal_account_required",
                    "only a person logged in with a personal account can do this, not a client");
        }
        if (!hasRole) {
            throw new OrganisationException(403, "forbidden", "this needs the realm role " + role);
        }
        if (issuedFor == null || !issuedFor.equals(operatorClient)) {
            throw new OrganisationException(403, "operator_client_required",
                    "operator actions need a token of the operator client " + operatorClient);
        }
        requireHoch(acr, "operator actions need a login at trust level " + REQUIRED.germanName());
    }

    /** Refuses with {@code 401 step_up_required} unless the token's {@code acr} names hoch (any vocabulary). */
    public static void requireHoch(String acr, String description) {
        boolean strongEnough = TrustLevelIdentifier.parse(acr)
                .map(identifier -> identifier.level().satisfies(REQUIRED)).orElse(false);
        if (!strongEnough) {
            throw OrganisationException.stepUp(REQUIRED.identifier(Vocabulary.EIDAS), description);
        }
    }
}
