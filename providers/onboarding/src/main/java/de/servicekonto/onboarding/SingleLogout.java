package de.servicekonto.onboarding;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code SingleLogoutService} endpoints an SP's metadata declares (SAML 2.0 Metadata §2.4.2, one per binding; the
 * first of a binding counts, as Keycloak 26.7.3 keeps one URL per binding) and what they mean for the client:
 * <ul>
 *   <li>an SP with a front-channel binding (HTTP-Redirect, HTTP-POST, HTTP-Artifact) is logged out through the
 *       browser (Keycloak's "front-channel logout" on), because its session is bound to the browser's cookie
 *       (mellon, Shibboleth SP in their defaults);</li>
 *   <li>an SP that declares only SOAP is logged out over the back channel: Keycloak 26.7.3 sends a signed
 *       LogoutRequest by the SOAP binding ({@code SamlProtocol.backchannelLogout}) for clients with front-channel
 *       logout off;</li>
 *   <li>an SP without any endpoint cannot be told, so nothing is sent (front-channel logout off: Keycloak has no
 *       page to send the browser to).</li>
 * </ul>
 */
public record SingleLogout(Map<String, String> locations) {

    static final String REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    static final String POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    static final String ARTIFACT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact";
    static final String SOAP = "urn:oasis:names:tc:SAML:2.0:bindings:SOAP";

    /** Keycloak 26.7.3's client attribute per binding (SamlProtocol.SAML_SINGLE_LOGOUT_SERVICE_URL_*). */
    static final Map<String, String> ATTRIBUTES = Map.of(
            REDIRECT, "saml_single_logout_service_url_redirect",
            POST, "saml_single_logout_service_url_post",
            ARTIFACT, "saml_single_logout_service_url_artifact",
            SOAP, "saml_single_logout_service_url_soap");

    /** Far above any real URL; a longer one is a mistake or an attack, not an endpoint. */
    static final int MAX_LOCATION = 2048;

    public SingleLogout {
        locations = Map.copyOf(locations);
    }

    /**
     * Collects one location per binding we know (others, e.g. PAOS, are passed over), the first of each binding.
     *
     * @throws IllegalArgumentException when a location is not an absolute https URL (http on localhost only), or
     *                                  carries user info: Keycloak would send the browser there, or call it itself
     *                                  over SOAP
     */
    static SingleLogout of(Iterable<Map.Entry<String, String>> endpoints) {
        Map<String, String> locations = new LinkedHashMap<>();
        for (Map.Entry<String, String> endpoint : endpoints) {
            if (ATTRIBUTES.containsKey(endpoint.getKey()) && !locations.containsKey(endpoint.getKey())) {
                locations.put(endpoint.getKey(), checked(endpoint.getValue()));
            }
        }
        return new SingleLogout(locations);
    }

    public Optional<String> location(String binding) {
        return Optional.ofNullable(locations.get(binding));
    }

    /** True when the SP can be reached through the browser; false when only SOAP (or nothing) is declared. */
    public boolean frontChannel() {
        return locations.containsKey(REDIRECT) || locations.containsKey(POST) || locations.containsKey(ARTIFACT);
    }

    /** Writes each declared binding's URL and removes the attributes of bindings the SP does not declare. */
    void applyTo(Map<String, String> attributes) {
        ATTRIBUTES.forEach((binding, attribute) -> {
            String location = locations.get(binding);
            if (location == null) {
                attributes.remove(attribute);
            } else {
                attributes.put(attribute, location);
            }
        });
    }

    private static String checked(String location) {
        String value = location == null ? "" : location.strip();
        if (value.length() > MAX_LOCATION) {
            throw new IllegalArgumentException("a SingleLogoutService Location is longer than " + MAX_LOCATION
                    + " characters");
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(java.util.Locale.ROOT);
            // Plain http only on this machine (a portal under development): elsewhere a LogoutRequest, which names
            // the citizen's pairwise id and session, would cross the network readable, and over SOAP our server
            // itself would send it there.
            boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
            if (!host.isEmpty() && uri.getRawUserInfo() == null
                    && (scheme.equals("https") || (scheme.equals("http") && loopback))) {
                return value;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("a SingleLogoutService Location is not an absolute https URL (http only for "
                + "localhost)");
    }
}
