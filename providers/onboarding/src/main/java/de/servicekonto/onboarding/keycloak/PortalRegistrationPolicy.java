package de.servicekonto.onboarding.keycloak;

import de.servicekonto.onboarding.PortalRegistration;
import de.servicekonto.onboarding.PortalRegistration.Grant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.models.CibaConfig;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.OAuth2DeviceConfig;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCAdvancedConfigWrapper;
import org.keycloak.protocol.oidc.OIDCConfigAttributes;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientregistration.ClientRegistrationContext;
import org.keycloak.services.clientregistration.ClientRegistrationProvider;
import org.keycloak.services.clientregistration.oidc.OIDCClientRegistrationContext;
import org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy;
import org.keycloak.services.clientregistration.policy.ClientRegistrationPolicyException;

/**
 * Applies {@link PortalRegistration} to a registration and to every later change the portal makes with its
 * registration access token (RFC 7592), and gives a registered portal the realm's default client scopes.
 *
 * <p>Keycloak 26.7.3's OIDC endpoint turns a {@code scope} in the registration into the client's optional scopes
 * and leaves it only {@code basic} as default scope ({@code AbstractClientRegistrationProvider.create}); such a
 * portal would lose {@code acr} and our {@code sk-stammdaten} and {@code sk-means}. Adding the realm's defaults after
 * the registration keeps the trust level in every token, as for clients the operator creates.
 */
final class PortalRegistrationPolicy implements ClientRegistrationPolicy {

    private static final Logger LOG = Logger.getLogger(PortalRegistrationPolicy.class);

    @Override
    public void beforeRegister(ClientRegistrationContext context) throws ClientRegistrationPolicyException {
        check(context);
    }

    @Override
    public void afterRegister(ClientRegistrationContext context, ClientModel client) {
        addRealmDefaultScopes(client);
    }

    @Override
    public void beforeUpdate(ClientRegistrationContext context, ClientModel client) throws ClientRegistrationPolicyException {
        check(context);
    }

    @Override
    public void afterUpdate(ClientRegistrationContext context, ClientModel client) {
        addRealmDefaultScopes(client);
    }

    @Override
    public void beforeView(ClientRegistrationProvider provider, ClientModel client) {
    }

    @Override
    public void beforeDelete(ClientRegistrationProvider provider, ClientModel client) {
    }

    private static void check(ClientRegistrationContext context) throws ClientRegistrationPolicyException {
        List<String> refusals = of(context).refusals();
        if (!refusals.isEmpty()) {
            // No client id yet and nothing personal: the reasons are what the portal's developer needs.
            LOG.infof("Portal registration refused: %s", String.join("; ", refusals));
            throw new ClientRegistrationPolicyException(String.join("; ", refusals));
        }
    }

    static PortalRegistration of(ClientRegistrationContext context) {
        ClientRepresentation client = context.getClient();
        OIDCAdvancedConfigWrapper oidc = OIDCAdvancedConfigWrapper.fromClientRepresentation(client);
        Map<String, String> attributes = Optional.ofNullable(client.getAttributes()).orElse(Map.of());
        Set<Grant> grants = EnumSet.noneOf(Grant.class);
        if (Boolean.TRUE.equals(client.isStandardFlowEnabled())) {
            grants.add(Grant.AUTHORIZATION_CODE);
        }
        if (Boolean.TRUE.equals(client.isImplicitFlowEnabled())) {
            grants.add(Grant.IMPLICIT);
        }
        if (Boolean.TRUE.equals(client.isDirectAccessGrantsEnabled())) {
            grants.add(Grant.PASSWORD);
        }
        if (Boolean.TRUE.equals(client.isServiceAccountsEnabled())) {
            grants.add(Grant.CLIENT_CREDENTIALS);
        }
        if (Boolean.TRUE.equals(client.getAuthorizationServicesEnabled())) {
            grants.add(Grant.UMA);
        }
        if (Boolean.parseBoolean(attributes.get(OAuth2DeviceConfig.OAUTH2_DEVICE_AUTHORIZATION_GRANT_ENABLED))) {
            grants.add(Grant.DEVICE_CODE);
        }
        if (Boolean.parseBoolean(attributes.get(CibaConfig.OIDC_CIBA_GRANT_ENABLED))) {
            grants.add(Grant.CIBA);
        }
        if (oidc.isStandardTokenExchangeEnabled()) {
            grants.add(Grant.TOKEN_EXCHANGE);
        }
        if (oidc.getJWTAuthorizationGrantEnabled()) {
            grants.add(Grant.JWT_BEARER);
        }
        Map<String, List<String>> otherUris = new LinkedHashMap<>();
        // The attribute itself: the wrapper's getter answers the redirect URIs when there is none.
        String postLogout = attributes.get(OIDCConfigAttributes.POST_LOGOUT_REDIRECT_URIS);
        if (postLogout != null && !postLogout.isEmpty() && !postLogout.equals("-")) {
            putIfPresent(otherUris, "post_logout_redirect_uris", List.of(postLogout.split("##")));
        }
        putIfPresent(otherUris, "backchannel_logout_uri", single(oidc.getBackchannelLogoutUrl()));
        putIfPresent(otherUris, "frontchannel_logout_uri", single(oidc.getFrontChannelLogoutUrl()));
        putIfPresent(otherUris, "jwks_uri", single(oidc.getJwksUrl()));
        putIfPresent(otherUris, "request_uris", oidc.getRequestUris());
        putIfPresent(otherUris, "client_uri", single(client.getBaseUrl()));
        putIfPresent(otherUris, "root_url", single(client.getRootUrl()));
        return new PortalRegistration(context instanceof OIDCClientRegistrationContext,
                Optional.ofNullable(client.getProtocol()).orElse(OIDCLoginProtocol.LOGIN_PROTOCOL),
                Boolean.TRUE.equals(client.isPublicClient()), Boolean.TRUE.equals(client.isBearerOnly()), grants,
                withoutNulls(client.getRedirectUris()), otherUris);
    }

    private static List<String> single(String uri) {
        return uri == null || uri.isEmpty() ? List.of() : List.of(uri);
    }

    private static void putIfPresent(Map<String, List<String>> uris, String name, List<String> values) {
        if (values != null && !values.isEmpty()) {
            uris.put(name, withoutNulls(values));
        }
    }

    /** A JSON {@code null} in a list becomes an empty URI, which the rules refuse, rather than a server error. */
    private static List<String> withoutNulls(List<String> values) {
        List<String> result = new ArrayList<>();
        if (values != null) {
            values.forEach(value -> result.add(value == null ? "" : value));
        }
        return result;
    }

    /** The realm's default and optional scopes of the client's protocol that the client lacks, as the realm has them. */
    private static void addRealmDefaultScopes(ClientModel client) {
        RealmModel realm = client.getRealm();
        String protocol = Optional.ofNullable(client.getProtocol()).orElse(OIDCLoginProtocol.LOGIN_PROTOCOL);
        Set<String> attached = new HashSet<>(client.getClientScopes(true).keySet());
        attached.addAll(client.getClientScopes(false).keySet());
        for (boolean defaultScope : new boolean[] {true, false}) {
            realm.getDefaultClientScopesStream(defaultScope)
                    .filter(scope -> protocol.equals(Optional.ofNullable(scope.getProtocol())
                            .orElse(OIDCLoginProtocol.LOGIN_PROTOCOL)))
                    .filter(scope -> !attached.contains(scope.getName()))
                    .toList()
                    .forEach(scope -> attach(client, scope, defaultScope, attached));
        }
    }

    private static void attach(ClientModel client, ClientScopeModel scope, boolean defaultScope, Set<String> attached) {
        client.addClientScope(scope, defaultScope);
        attached.add(scope.getName());
    }
}
