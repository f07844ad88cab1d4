package de.servicekonto.stammdaten.saml;

import de.servicekonto.trustlevel.Vocabulary;
import de.servicekonto.trustlevel.broker.BrokeredValues;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.keycloak.dom.saml.v2.assertion.AttributeStatementType;
import org.keycloak.dom.saml.v2.assertion.AttributeType;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.saml.mappers.AbstractSAMLProtocolMapper;
import org.keycloak.protocol.saml.mappers.SAMLAttributeStatementMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Releases the Stammdaten a portal asked for in its {@code akdb:RequestedAttributes} — exactly those, nothing else —
 * with the BundID names ({@link BundIdAttributes}), NameFormat uri and {@code akdb:TrustLevel}: STORK-QAA-Level-4
 * for values read from the ID card, STORK-QAA-Level-1 for values the citizen entered. Without such a request it
 * releases nothing; the operator can narrow what a portal may ask for ({@value #ALLOWED}).
 */
public final class BundIdAttributeMapper extends AbstractSAMLProtocolMapper implements SAMLAttributeStatementMapper {

    public static final String PROVIDER_ID = "sk-saml-bundid-attributes";
    static final String VERIFIED_LEVEL = "STORK-QAA-Level-4";
    static final String ENTERED_LEVEL = "STORK-QAA-Level-1";
    /** Config: the BundID attribute names this portal may receive (comma-separated); empty means all. */
    public static final String ALLOWED = "allowed.attributes";

    @Override
    public void transformAttributeStatement(AttributeStatementType statement, ProtocolMapperModel mapping,
                                            KeycloakSession session, UserSessionModel userSession,
                                            AuthenticatedClientSessionModel clientSession) {
        Optional<AkdbRequest> akdb = AkdbRequest.fromNote(clientSession.getNote(AkdbRequest.NOTE));
        if (akdb.isEmpty()) {
            return;
        }
        UserModel user = userSession.getUser();
        ReleasePlan plan = ReleasePlan.of(akdb.get().requested(), List.of(allowed(mapping)), source -> value(user, source),
                name -> fromCard(user, name), name -> fromPartner(user, name));
        for (ReleasePlan.Item item : plan.released()) {
            AttributeType attribute = new AttributeType(item.name());
            attribute.setNameFormat(BundIdAttributes.URI_NAME_FORMAT);
            attribute.addAttributeValue(item.value().orElseThrow());
            attribute.getOtherAttributes().put(BundIdProfile.trustLevelAttribute(), switch (item.origin()) {
                case ID_CARD -> VERIFIED_LEVEL;
                // The level the partner vouched for (capped by what the operator trusts it for), never more.
                case PARTNER -> BrokeredValues.level(user.getFirstAttribute(BrokeredValues.LEVEL))
                        .map(level -> level.identifier(Vocabulary.STORK)).orElse(ENTERED_LEVEL);
                case SELF_ENTERED -> ENTERED_LEVEL;
            });
            statement.addAttribute(new AttributeStatementType.ASTChoiceType(attribute));
        }
    }

    /** Whether the account's value of a BundID attribute was read from the ID card (an address only without a typed house number). */
    static boolean fromCard(UserModel user, String name) {
        String source = BundIdAttributes.source(name).orElse(null);
        return source != null && user.getAttributeStream("sk-verified").anyMatch(source::equals)
                && (!name.equals(BundIdAttributes.POSTAL_ADDRESS) || user.getFirstAttribute("houseNumber") == null);
    }

    /**
     * Whether the account's value of a BundID attribute is still the one a partner (FINK, eIDAS) sent at its first
     * login; an address only without a typed house number, as for the card.
     */
    static boolean fromPartner(UserModel user, String name) {
        String source = BundIdAttributes.source(name).orElse(null);
        return source != null && user.getFirstAttribute(BrokeredValues.SOURCE) != null
                && BrokeredValues.fromPartner(user.getAttributeStream(BrokeredValues.MARKS).toList(), source,
                        source.equals("street") ? user.getFirstAttribute("street") : value(user, source))
                && (!name.equals(BundIdAttributes.POSTAL_ADDRESS) || user.getFirstAttribute("houseNumber") == null);
    }

    /** The attributes the operator allows this portal (config {@value #ALLOWED}); empty: all BundID attributes. */
    static Set<String> allowed(ProtocolMapperModel mapping) {
        String value = mapping.getConfig() == null ? null : mapping.getConfig().get(ALLOWED);
        Set<String> allowed = new HashSet<>();
        if (value != null) {
            for (String name : value.split("##|,")) {
                if (!name.isBlank()) {
                    allowed.add(name.strip());
                }
            }
        }
        return allowed;
    }

    static String value(UserModel user, String source) {
        return switch (source) {
            case UserModel.FIRST_NAME -> user.getFirstName();
            case UserModel.LAST_NAME -> user.getLastName();
            case UserModel.EMAIL -> user.getEmail();
            case "street" -> {
                String street = user.getFirstAttribute("street");
                String number = user.getFirstAttribute("houseNumber");
                yield street == null ? null : number == null ? street : street + " " + number;
            }
            default -> user.getFirstAttribute(source);
        };
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Servicekonto Stammdaten (BundID profile)";
    }

    @Override
    public String getDisplayCategory() {
        return "AttributeStatement Mapper";
    }

    @Override
    public String getHelpText() {
        return "Releases exactly the attributes requested in akdb:RequestedAttributes, with BundID names and "
                + "akdb:TrustLevel.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create().property().name(ALLOWED).type(ProviderConfigProperty.STRING_TYPE)
                .label("Allowed attributes")
                .helpText("Comma-separated BundID attribute names (urn:oid:…) this portal may receive; empty: all.")
                .add().build();
    }
}
