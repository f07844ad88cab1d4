package de.servicekonto.trustlevel.broker;

import de.servicekonto.trustlevel.TrustLevel;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.saml.SAMLEndpoint;
import org.keycloak.dom.saml.v2.assertion.AssertionType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * Marks the Stammdaten an account took from the partner at its first login ({@link BrokeredValues}): each value the
 * partner's importer mappers brought in and that still equals the assertion (the citizen may have typed another on
 * the first-login page: that one is theirs, not the partner's), with the partner's source and the level it vouched
 * for. Keycloak's importers write the values but nothing about where they came from (UserAttributeMapper, 26.7.3).
 */
final class BrokeredDataRecorder {

    private BrokeredDataRecorder() {
    }

    static void record(KeycloakSession session, UserModel user, BrokeredIdentityContext broker, TrustLevel level,
                       String means) {
        if (!(broker.getContextData().get(SAMLEndpoint.SAML_ASSERTION) instanceof AssertionType assertion)) {
            return;
        }
        String alias = broker.getIdpConfig().getAlias();
        Map<String, String> taken = new LinkedHashMap<>();
        session.identityProviders().getMappersByAliasStream(alias).forEach(mapper -> {
            String attribute = mapper.getConfig().get("user.attribute");
            // Our own bookkeeping attributes are never Stammdaten, whatever a mapper is configured to write.
            if (attribute == null || attribute.startsWith("sk-") || attribute.length() > 255) {
                return;
            }
            Optional<String> asserted = BrokerLevelAuthenticator.attributeValue(assertion,
                    mapper.getConfig().get("attribute.name"));
            String held = value(user, attribute);
            if (asserted.isPresent() && asserted.get().equals(held)) {
                taken.put(attribute, held);
            }
        });
        if (taken.isEmpty()) {
            return;
        }
        user.setAttribute(BrokeredValues.MARKS, BrokeredValues.marks(taken));
        user.setSingleAttribute(BrokeredValues.SOURCE, BrokeredValues.source(means, alias));
        user.setSingleAttribute(BrokeredValues.SOURCE_NAME,
                BrokeredValues.sourceName(broker.getIdpConfig().getDisplayName(), alias));
        user.setSingleAttribute(BrokeredValues.LEVEL, level.germanName());
        user.setSingleAttribute(BrokeredValues.AT, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** The account's value of a Stammdaten attribute (names and e-mail are Keycloak's own fields). */
    static String value(UserModel user, String attribute) {
        return switch (attribute) {
            case UserModel.FIRST_NAME -> user.getFirstName();
            case UserModel.LAST_NAME -> user.getLastName();
            case UserModel.EMAIL -> user.getEmail();
            default -> user.getFirstAttribute(attribute);
        };
    }
}
