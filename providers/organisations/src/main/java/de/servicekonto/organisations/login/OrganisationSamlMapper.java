package de.servicekonto.organisations.login;

import java.util.List;
import java.util.Map;
import org.keycloak.dom.saml.v2.assertion.AttributeStatementType;
import org.keycloak.dom.saml.v2.assertion.AttributeType;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.saml.mappers.AbstractSAMLProtocolMapper;
import org.keycloak.protocol.saml.mappers.SAMLAttributeStatementMapper;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * SAML mapper {@value #ID}: attributes {@code sk-organisation-id}, {@code -name}, {@code -kind}, {@code -role}
 * (NameFormat basic) for the organisation chosen at login, checked again when the assertion is issued. The portal
 * asks for the choice with the client attribute {@code sk.organisation.choice=true}.
 */
public final class OrganisationSamlMapper extends AbstractSAMLProtocolMapper implements SAMLAttributeStatementMapper {

    public static final String ID = "sk-saml-organisation-mapper";
    public static final String PREFIX = "sk-organisation-";
    private static final String BASIC = "urn:oasis:names:tc:SAML:2.0:attrname-format:basic";

    @Override
    public void transformAttributeStatement(AttributeStatementType statement, ProtocolMapperModel mapping,
                                            KeycloakSession session, UserSessionModel userSession,
                                            AuthenticatedClientSessionModel clientSession) {
        ActingOptions.current(session, userSession.getRealm(), userSession.getUser(), clientSession.getNote(ActingOptions.NOTE_ID))
                .ifPresent(option -> {
                    for (Map.Entry<String, String> entry : OrganisationClaimMapper.claim(option).entrySet()) {
                        AttributeType attribute = new AttributeType(PREFIX + entry.getKey());
                        attribute.setNameFormat(BASIC);
                        attribute.addAttributeValue(entry.getValue());
                        statement.addAttribute(new AttributeStatementType.ASTChoiceType(attribute));
                    }
                });
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Servicekonto: organisation acted for";
    }

    @Override
    public String getDisplayCategory() {
        return "AttributeStatement Mapper";
    }

    @Override
    public String getHelpText() {
        return "Attributes sk-organisation-id, -name, -kind and -role when the person chose at login to act for an "
                + "organisation or authority.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
