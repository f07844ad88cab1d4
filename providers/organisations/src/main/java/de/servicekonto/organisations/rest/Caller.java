package de.servicekonto.organisations.rest;

import de.servicekonto.organisations.OperatorAccess;
import de.servicekonto.organisations.OrganisationException;
import de.servicekonto.rest.BearerCaller;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.UserModel;

/**
 * Who calls the organisations API: the shared {@link BearerCaller} (token of this realm, service accounts only with
 * their own client's token) and this API's rules on top, so none is forgotten.
 */
final class Caller {

    /**
     * Client attribute: {@code true} lets the client's user tokens use the account-side endpoints (the citizen's
     * own organisation application). The account console may always.
     */
    static final String CLIENT_ATTRIBUTE = "sk.organisations.accountApi";

    private final BearerCaller bearer;

    Caller(BearerCaller bearer) {
        this.bearer = bearer;
    }

    UserModel user() {
        return bearer.user();
    }

    /** The client whose own service-account token this is (client credentials), or null. */
    ClientModel serviceClient() {
        return bearer.serviceClient().orElse(null);
    }

    /**
     * A person logged in with their personal account through a client allowed to manage organisations; a client's
     * own token (client credentials) is no personal account.
     */
    Caller personal() {
        bearer.requirePersonal("personal_account_required",
                "only a person logged in with a personal account can do this, not a client");
        ClientModel client = bearer.realm().getClientByClientId(bearer.clientId());
        boolean allowed = client != null && (Constants.ACCOUNT_CONSOLE_CLIENT_ID.equals(client.getClientId())
                || Boolean.parseBoolean(client.getAttribute(CLIENT_ATTRIBUTE)));
        if (!allowed) {
            throw new OrganisationException(403, "client_not_allowed", "tokens of this client may not manage organisations");
        }
        return this;
    }

    /**
     * An operator: a personal account holding the realm role {@code role}, with a token of the realm's operator
     * client ({@value OperatorAccess#CLIENT_ATTRIBUTE}) from a login at trust level hoch ({@link OperatorAccess}).
     */
    Caller operator(String role) {
        OperatorAccess.check(bearer.isServiceAccount(), bearer.hasRealmRole(role), role, bearer.clientId(),
                OperatorAccess.operatorClient(bearer.realm().getAttribute(OperatorAccess.CLIENT_ATTRIBUTE)), bearer.acr());
        return this;
    }

    /** Refuses with {@code 401 step_up_required} unless the token's login reached trust level hoch. */
    Caller hoch(String description) {
        OperatorAccess.requireHoch(bearer.acr(), description);
        return this;
    }
}
