package de.servicekonto.trustlevel.saml;

import java.util.List;
import java.util.Map;
import org.keycloak.dom.saml.v2.assertion.AttributeStatementType;
import org.keycloak.dom.saml.v2.assertion.AttributeType;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.authentication.authenticators.util.LoAUtil;
import org.keycloak.protocol.saml.SamlProtocol;
import org.keycloak.protocol.saml.mappers.AbstractSAMLProtocolMapper;
import org.keycloak.protocol.saml.mappers.SAMLAttributeStatementMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Adds the trust level reached and the means used to the SAML assertion, as the BundID profile names them
 * ({@link TrustLevelAttributes}), with NameFormat {@code urn:oasis:names:tc:SAML:2.0:attrname-format:uri}.
 */
public final class TrustLevelSamlMapper extends AbstractSAMLProtocolMapper implements SAMLAttributeStatementMapper {

    public static final String PROVIDER_ID = "sk-saml-trust-level-mapper";
    private static final String URI_NAME_FORMAT = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";

    @Override
    public void transformAttributeStatement(AttributeStatementType statement, ProtocolMapperModel mapping,
                                            KeycloakSession session, UserSessionModel userSession,
                                            AuthenticatedClientSessionModel clientSession) {
        int loa = LoAUtil.getCurrentLevelOfAuthentication(clientSession);
        // The ClassRef of *this* request lives in the authentication session (as Keycloak's AuthnContextClassRefMapper
        // reads it); the client-session note may still hold an earlier request's.
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        String requested = authSession == null ? null : authSession.getClientNote(SamlProtocol.SAML_AUTHN_CONTEXT_CLASS_REF);
        Map<String, String> attributes = TrustLevelAttributes.of(loa, requested,
                userSession.getNote(TrustLevelAttributes.meansNote(loa)));
        attributes.forEach((name, value) -> {
            AttributeType attribute = new AttributeType(name);
            attribute.setNameFormat(URI_NAME_FORMAT);
            attribute.addAttributeValue(value);
            statement.addAttribute(new AttributeStatementType.ASTChoiceType(attribute));
        });
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Servicekonto trust level (BundID profile)";
    }

    @Override
    public String getDisplayCategory() {
        return "AttributeStatement Mapper";
    }

    @Override
    public String getHelpText() {
        return "Adds urn:oid:1.2.40.0.10.2.1.1.261.94 (trust level reached, in the vocabulary of the request, else "
                + "STORK) and urn:oid:1.3.6.1.4.1.25484.494450.2 (means used).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
