package de.servicekonto.onboarding.keycloak;

import de.servicekonto.onboarding.EncryptionProfile;
import de.servicekonto.onboarding.SamlClientDefaults;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/**
 * Registers {@link SamlClientDefaultsExecutor} (the shipped realm applies it to every client) and applies the same
 * defaults to the SAML clients of a realm file when the realm is created: Keycloak 26.7.3 runs no client policy
 * during a realm import, and a realm file may name a client's encryption profile.
 */
public final class SamlClientDefaultsExecutorFactory implements ClientPolicyExecutorProviderFactory {

    public static final String PROVIDER_ID = "sk-saml-client-defaults";
    private static final Logger LOG = Logger.getLogger(SamlClientDefaultsExecutorFactory.class);
    private static final SamlClientDefaultsExecutor EXECUTOR = new SamlClientDefaultsExecutor();

    @Override
    public ClientPolicyExecutorProvider<?> create(KeycloakSession session) {
        return EXECUTOR;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmPostCreateEvent created) {
                applyToImportedClients(created.getCreatedRealm());
            }
        });
    }

    /** Only clients that name a profile: the realm file's other clients keep what the file says. */
    private static void applyToImportedClients(RealmModel realm) {
        realm.getClientsStream()
                .filter(client -> SamlClientDefaultsExecutor.SAML.equals(client.getProtocol()))
                .filter(client -> client.getAttribute(EncryptionProfile.ATTRIBUTE) != null)
                .forEach(client -> apply(realm, client));
    }

    private static void apply(RealmModel realm, ClientModel client) {
        Map<String, String> attributes = new HashMap<>(client.getAttributes());
        try {
            SamlClientDefaults.apply(attributes, false);
        } catch (IllegalArgumentException e) {
            // The realm file is the operator's: refuse it whole rather than import a client half-configured.
            throw new IllegalStateException("realm " + realm.getName() + ", client " + client.getClientId() + ": "
                    + e.getMessage(), e);
        }
        attributes.forEach((name, value) -> {
            if (!value.equals(client.getAttribute(name))) {
                client.setAttribute(name, value);
            }
        });
        LOG.debugf("realm %s: client %s encrypts with profile %s", realm.getName(), client.getClientId(),
                attributes.get(EncryptionProfile.ATTRIBUTE));
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Servicekonto: SAML clients get a persistent NameID and the algorithms of their encryption profile "
                + "(client attribute sk.saml.encryption.profile: bsi-tr-03116-4, the default, or compatible).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
