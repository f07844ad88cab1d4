package de.servicekonto.it.support;

import java.util.Map;
import java.util.UUID;

/**
 * A BundID-profile test portal as {@code SamlConsentIT} and {@code SamlBundIdProfileIT} register it: a fresh entity id,
 * its own signing key (so the {@code akdb:AuthenticationRequest} extension is honoured), signed responses over the POST
 * binding at {@link #ACS}, and only the mappers for the trust level and the BundID attributes (no role list).
 */
public record BundIdTestPortal(String entityId, SamlFlow.SpCredentials credentials) {

    /** Nothing listens here: the tests read the SAMLResponse from the form that would post to it. */
    public static final String ACS = "http://localhost:8084/saml/acs";

    /** Registers a new portal whose entity id starts with {@code urn:test:<name>-portal:}. */
    public static BundIdTestPortal register(ServicekontoServer server, String name) {
        String entityId = "urn:test:" + name + "-portal:" + UUID.randomUUID();
        SamlFlow.SpCredentials credentials = SamlFlow.newCredentials(name + "-" + entityId.substring(entityId.length() - 8));
        SamlFlow.registerPortal(server.admin(), entityId, credentials, ACS, Map.of(), Map.of(
                "sk-saml-trust-level-mapper", Map.of(), "sk-saml-bundid-attributes", Map.of()), true);
        return new BundIdTestPortal(entityId, credentials);
    }

    /** A new login flow (fresh browser) of this portal. */
    public SamlFlow flow(ServicekontoServer server) {
        return new SamlFlow(server.realmUri(), entityId, ACS, credentials);
    }
}
