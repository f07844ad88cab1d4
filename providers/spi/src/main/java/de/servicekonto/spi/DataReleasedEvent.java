package de.servicekonto.spi;

import java.util.List;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;

/**
 * A portal received master data of an account where Keycloak publishes no event of its own (a SAML portal of the
 * BundID profile receiving the attributes it asked for; an OIDC consent is Keycloak's {@code GRANT_CONSENT}).
 * Published with {@link org.keycloak.models.KeycloakSessionFactory#publish} in the request that released the data, so
 * a listener writes in that request's transaction; whoever keeps a record of it (the activity log) listens.
 *
 * @param session  the request's session
 * @param released the names of what was released, never the values (e.g. {@code givenName}, {@code surname})
 */
public record DataReleasedEvent(KeycloakSession session, RealmModel realm, UserModel user, ClientModel portal,
                                List<String> released) implements ProviderEvent {

    public DataReleasedEvent {
        released = List.copyOf(released);
    }

    @Override
    public KeycloakSession getKeycloakSession() {
        return session;
    }
}
