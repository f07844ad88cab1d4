package de.servicekonto.trustlevel.broker;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.TrustLevelIdentifier;
import de.servicekonto.trustlevel.Vocabulary;
import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What our AuthnRequest to a partner (another state's Servicekonto, an eIDAS connector) asks for: at least the level
 * the portal asked us for, named in the partner's vocabulary, with comparison {@code minimum}. Keycloak 26.7.3's SAML
 * broker only sends the identity provider's fixed "Requested AuthnContext" (design/brokered-levels.md), so a portal
 * asking for substanziell would reach a partner asked for niedrig, and the partner would rightly answer niedrig. The
 * fixed setting stays a floor (an operator may always ask for more), and eIDAS is never asked below substantial: the
 * member states must recognise only notified eIDs at substantial and high (Regulation (EU) 910/2014 Art. 6), so low
 * is what the German profile does not request. No Keycloak types: the glue passes strings in.
 */
public final class BrokerRequest {

    /** Identity-provider setting: the partner's vocabulary ({@code STORK}, {@code BSI}, {@code EIDAS}). */
    public static final String VOCABULARY_SETTING = "sk.trust.vocabulary";
    /** Longest alias we look up; Keycloak's own limit is 255, ours far below hostile input. */
    static final int MAX_ALIAS_LENGTH = 255;

    private BrokerRequest() {
    }

    /**
     * @param level      the lowest level the partner may answer with
     * @param vocabulary how the partner names levels
     * @param eidas      whether the partner is an eIDAS connector (then the eIDAS request extensions go along)
     */
    public record Plan(TrustLevel level, Vocabulary vocabulary, boolean eidas) {

        /** The single AuthnContextClassRef of the request (comparison minimum). */
        public String classRef() {
            return level.identifier(vocabulary);
        }
    }

    /**
     * The request for one login, or empty when the identity provider is not one of our partners (no
     * {@value BrokerLevel#CAP_SETTING}: Keycloak's request stays as configured).
     *
     * @param config       the identity provider's config
     * @param requestedLoa the portal's level (Keycloak LoA; 0 or less: none; above hoch: hoch)
     * @param configured   the class refs Keycloak put in the request from the fixed setting
     */
    public static Optional<Plan> plan(Map<String, String> config, int requestedLoa, Collection<String> configured) {
        if (config == null || config.get(BrokerLevel.CAP_SETTING) == null) {
            return Optional.empty();
        }
        boolean eidas = "eIDAS".equals(BrokerLevel.means(config.get(BrokerLevel.MEANS_SETTING)));
        Vocabulary vocabulary = vocabulary(config.get(VOCABULARY_SETTING)).orElse(eidas ? Vocabulary.EIDAS : Vocabulary.STORK);
        TrustLevel floor = configured == null ? TrustLevel.NIEDRIG : configured.stream()
                .map(TrustLevelIdentifier::parse)
                .flatMap(Optional::stream)
                .map(TrustLevelIdentifier::level)
                .min((a, b) -> Integer.compare(a.loa(), b.loa()))
                .orElse(TrustLevel.NIEDRIG);
        if (eidas) {
            floor = higher(floor, TrustLevel.SUBSTANZIELL);
        }
        TrustLevel requested = requestedLoa > TrustLevel.HOCH.loa() ? TrustLevel.HOCH
                : TrustLevel.fromLoa(requestedLoa).orElse(TrustLevel.NIEDRIG);
        return Optional.of(new Plan(higher(floor, requested), vocabulary, eidas));
    }

    /** The vocabulary setting's value, compared without case; anything else is empty (the means' default applies). */
    static Optional<Vocabulary> vocabulary(String setting) {
        if (setting == null || setting.length() > 16) {
            return Optional.empty();
        }
        try {
            return Optional.of(Vocabulary.valueOf(setting.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The identity provider's alias from the request's assertion consumer service URL, which Keycloak builds as
     * {@code …/realms/{realm}/broker/{alias}/endpoint} (IdentityBrokerService, 26.7.3); only for our realm.
     */
    public static Optional<String> alias(URI acs, String realm) {
        if (acs == null || acs.getRawPath() == null || realm == null) {
            return Optional.empty();
        }
        String[] parts = acs.getRawPath().split("/");
        int n = parts.length;
        if (n < 5 || !"endpoint".equals(parts[n - 1]) || !"broker".equals(parts[n - 3]) || !"realms".equals(parts[n - 5])
                || !realm.equals(decode(parts[n - 4]))) {
            return Optional.empty();
        }
        String alias = decode(parts[n - 2]);
        return alias.isEmpty() || alias.length() > MAX_ALIAS_LENGTH ? Optional.empty() : Optional.of(alias);
    }

    private static String decode(String part) {
        try {
            return java.net.URLDecoder.decode(part.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static TrustLevel higher(TrustLevel a, TrustLevel b) {
        return a.loa() >= b.loa() ? a : b;
    }
}
