package de.servicekonto.rest;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.keycloak.models.AccountRoles;
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
 * Who calls one of our REST APIs, from a bearer token of this realm. Keycloak's {@code BearerTokenAuthenticator}
 * checks the token itself (signature, expiry, issuer = this realm, the user session is active and, when asked, the
 * audience); a client-credentials token of a service account, which has no user session, is checked to the same
 * effect by {@link ServiceTokenRule} without the transient session Keycloak would build for it. The rules every API
 * applies on top are here, so none is written twice or forgotten:
 * <ul>
 *   <li>service accounts: only a token issued to the service account's own client ({@code azp}) acts for it
 *   ({@link #serviceClient()}, {@link #requireOwnServiceAccount()});</li>
 *   <li>personal accounts: {@link #requirePersonal};</li>
 *   <li>scopes: {@link #requireScope};</li>
 *   <li>operators: realm roles ({@link #hasRealmRole}); the trust level ({@link #acr()}) is the API's rule;</li>
 *   <li>account tokens: roles of Keycloak's {@code account} client ({@link #hasAccountRole}) and Keycloak's own
 *   account console ({@link #isAccountConsole()}).</li>
 * </ul>
 * The Postfach's rule, for example, reads: a token for audience {@code postfach}, or else the person's own account
 * console, then the scope:
 * <pre>{@code
 * BearerCaller caller = BearerCaller.find(session, "postfach")
 *         .or(() -> BearerCaller.find(session, Constants.ACCOUNT_MANAGEMENT_CLIENT_ID).filter(BearerCaller::isAccountConsole))
 *         .orElseThrow(() -> ApiException.unauthorized("a valid bearer token of this realm for the Postfach is required"));
 * if (!caller.isAccountConsole()) caller.requireScope("postfach:read");
 * }</pre>
 */
public final class BearerCaller {

    private static final Pattern SPACES = Pattern.compile(" +");

    private final RealmModel realm;
    private final UserModel user;
    private final AccessToken token;

    BearerCaller(RealmModel realm, UserModel user, AccessToken token) {
        this.realm = realm;
        this.user = user;
        this.token = token;
    }

    /**
     * The caller, or 401 {@code unauthorized} with {@code description}.
     *
     * @param audience the {@code aud} the token must carry ({@code postfach}, {@code account}), or null for any
     */
    public static BearerCaller authenticate(KeycloakSession session, String audience, String description) {
        return find(session, audience).orElseThrow(() -> ApiException.unauthorized(description));
    }

    /** The caller if the request carries a valid token of this realm for {@code audience} (null: any). */
    public static Optional<BearerCaller> find(KeycloakSession session, String audience) {
        // A Fachverfahren's client-credentials token is checked without the transient user session Keycloak
        // would build for it on every call (ServiceTokenRule); every other token goes through Keycloak's check.
        ServiceTokenCheck.Outcome service = ServiceTokenCheck.check(session, audience);
        switch (service.route()) {
            case ACCEPT -> {
                return Optional.of(new BearerCaller(session.getContext().getRealm(), service.caller().user(),
                        service.caller().token()));
            }
            case REFUSE -> {
                return Optional.empty();
            }
            default -> {
                // Keycloak's own check below.
            }
        }
        AppAuthManager.BearerTokenAuthenticator authenticator = new AppAuthManager.BearerTokenAuthenticator(session);
        if (audience != null) {
            authenticator.setAudience(audience);
        }
        AuthenticationManager.AuthResult auth = authenticator.authenticate();
        if (auth == null || auth.user() == null || auth.token() == null) {
            return Optional.empty();
        }
        return Optional.of(new BearerCaller(session.getContext().getRealm(), auth.user(), auth.token()));
    }

    public RealmModel realm() {
        return realm;
    }

    public UserModel user() {
        return user;
    }

    public AccessToken token() {
        return token;
    }

    /** The client the token was issued to ({@code azp}). */
    public String clientId() {
        return token.getIssuedFor();
    }

    /** The login's {@code acr} (trust level), or null. */
    public String acr() {
        return token.getAcr();
    }

    /** The token's scopes ({@code scope}, space-separated). */
    public Set<String> scopes() {
        String scope = token.getScope();
        if (scope == null || scope.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(SPACES.split(scope.strip())).collect(Collectors.toUnmodifiableSet());
    }

    /** 403 {@code insufficient_scope} unless the token carries {@code scope}. */
    public BearerCaller requireScope(String scope) {
        if (!scopes().contains(scope)) {
            throw ApiException.forbidden("insufficient_scope", "the token lacks scope " + scope);
        }
        return this;
    }

    /** Whether the token's user is a client's service account. */
    public boolean isServiceAccount() {
        return user.getServiceAccountClientLink() != null;
    }

    /**
     * The client whose service account the token is, if it was issued to that client itself (client credentials):
     * {@code azp} must be the client's client id, so another client holding a token for the service account's user
     * (e.g. by token exchange) does not pass as that client. Empty for a person and for a foreign token.
     */
    public Optional<ClientModel> serviceClient() {
        String link = user.getServiceAccountClientLink();
        ClientModel client = link == null ? null : realm.getClientById(link);
        return client != null && client.getClientId().equals(clientId()) ? Optional.of(client) : Optional.empty();
    }

    /**
     * The service account's own client, or 403 {@code foreign_service_account_token} when the service account's
     * user comes in a token issued to another client.
     */
    public ClientModel requireOwnServiceAccount() {
        return serviceClient().orElseThrow(() -> ApiException.forbidden("foreign_service_account_token",
                "a service account acts only with a token issued to its own client"));
    }

    /** 403 {@code code} when the caller is a client's service account, not a person. */
    public BearerCaller requirePersonal(String code, String description) {
        if (isServiceAccount()) {
            throw ApiException.forbidden(code, description);
        }
        return this;
    }

    /** 401 {@code unauthorized} when the account is disabled. */
    public BearerCaller requireEnabled() {
        if (!user.isEnabled()) {
            throw ApiException.unauthorized("the account is disabled");
        }
        return this;
    }

    /** Whether the user holds the realm role {@code role} (directly, by group or composite). */
    public boolean hasRealmRole(String role) {
        RoleModel model = realm.getRole(role);
        return model != null && user.hasRole(model);
    }

    /** Whether the token grants one of {@code roles} of Keycloak's {@code account} client. */
    public boolean hasAccountRole(String... roles) {
        AccessToken.Access account = token.getResourceAccess(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        return account != null && Arrays.stream(roles).anyMatch(account::isUserInRole);
    }

    /** Whether the token was issued to one of {@code clientIds}. */
    public boolean issuedTo(Collection<String> clientIds) {
        return clientId() != null && clientIds.contains(clientId());
    }

    /**
     * A person's token of Keycloak's account console: {@code azp} {@value Constants#ACCOUNT_CONSOLE_CLIENT_ID} and the
     * account role {@code manage-account}. (Its audience, {@value Constants#ACCOUNT_MANAGEMENT_CLIENT_ID}, is
     * checked by {@link #find} when asked for.)
     */
    public boolean isAccountConsole() {
        return Constants.ACCOUNT_CONSOLE_CLIENT_ID.equals(clientId()) && !isServiceAccount()
                && hasAccountRole(AccountRoles.MANAGE_ACCOUNT);
    }
}
