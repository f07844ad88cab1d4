package de.servicekonto.organisations.rest;

import de.servicekonto.organisations.OperatorAccess;
import de.servicekonto.organisations.OrganisationException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Who calls, from a bearer token of this realm (checked by Keycloak's {@code BearerTokenAuthenticator}: signature,
 * expiry, realm, active session). The checks every endpoint needs are here, so none is forgotten.
 */
final class Caller {

    /**
     * Client attribute: {@code true} lets the client's user tokens use the account-side endpoints (the citizen's
     * own organisation application). The account console may always.
     */
    static final String CLIENT_ATTRIBUTE = "sk.organisations.accountApi";

    private final RealmModel realm;
    private final UserModel user;
    private final AccessToken token;

    private Caller(RealmModel realm, UserModel user, AccessToken token) {
        this.realm = realm;
        this.user = user;
        this.token = token;
    }

    static Caller of(KeycloakSession session) {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null || auth.user() == null) {
            throw new OrganisationException(401, "unauthorized", "a valid bearer token of this realm is required");
        }
        return new Caller(session.getContext().getRealm(), auth.user(), auth.token());
    }

    UserModel user() {
        return user;
    }

    /**
     * The client whose service account the token is, if it was issued to that client itself (client credentials):
     * the token's {@code azp} must be the client's client id, so another client holding a token for the service
     * account user does not pass as the Fachverfahren.
     */
    ClientModel serviceClient() {
        String link = user.getServiceAccountClientLink();
        ClientModel client = link == null ? null : realm.getClientById(link);
        return client != null && client.getClientId().equals(token.getIssuedFor()) ? client : null;
    }

    /**
     * A person logged in with their personal account through a client allowed to manage organisations; a client's
     * own token (client credentials) is no personal account.
     */
    Caller personal() {
        if (user.getServiceAccountClientLink() != null) {
            throw new OrganisationException(403, "personal_account_required",
                    "only a person logged in with a personal account can do this, not a client");
        }
        ClientModel client = realm.getClientByClientId(token.getIssuedFor());
        boolean allowed = client != null && (Constants.ACCOUNT_CONSOLE_CLIENT_ID.equals(client.getClientId())
                || Boolean.parseBoolean(client.getAttribute(CLIENT_ATTRIBUTE)));
        if (!allowed) {
            throw new OrganisationException(403, "client_not_allowed",
                    "tokens of this client may not manage organisations");
        }
        return this;
    }

    /**
     * An operator: a personal account holding the realm role {@code role}, with a token of the realm's operator
     * client ({@value OperatorAccess#CLIENT_ATTRIBUTE}) from a login at trust level hoch ({@link OperatorAccess}).
     */
    Caller operator(String role) {
        RoleModel model = realm.getRole(role);
        OperatorAccess.check(user.getServiceAccountClientLink() != null, model != null && user.hasRole(model), role,
                token.getIssuedFor(), OperatorAccess.operatorClient(realm.getAttribute(OperatorAccess.CLIENT_ATTRIBUTE)),
                token.getAcr());
        return this;
    }

    /** Refuses with {@code 401 step_up_required} unless the token's login reached trust level hoch. */
    Caller hoch(String description) {
        OperatorAccess.requireHoch(token.getAcr(), description);
        return this;
    }
}
