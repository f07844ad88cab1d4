package de.servicekonto.stammdaten.saml;

import de.servicekonto.stammdaten.PairwiseIds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.keycloak.dom.saml.v2.assertion.AttributeStatementType;
import org.keycloak.dom.saml.v2.assertion.AttributeType;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.saml.mappers.AbstractSAMLProtocolMapper;
import org.keycloak.protocol.saml.mappers.SAMLAttributeStatementMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.vault.VaultStringSecret;

/**
 * Adds the pairwise pseudonymous identifier of the BundID profile, {@value #ATTRIBUTE} (bPK2-like, see
 * {@link PairwiseIds}), computed for the portal's entity id, with NameFormat {@code …:attrname-format:uri}. The key
 * is a vault reference (config {@value #KEY}); without a usable key the attribute is left out and an error logged.
 */
public final class PairwiseIdSamlMapper extends AbstractSAMLProtocolMapper implements SAMLAttributeStatementMapper {

    public static final String PROVIDER_ID = "sk-saml-pairwise-id-mapper";
    public static final String ATTRIBUTE = "urn:oid:1.3.6.1.4.1.25484.494450.3";
    public static final String KEY = "key";
    static final String DEFAULT_KEY = "${vault.sk-eid-pseudonym-key}";
    private static final String URI_NAME_FORMAT = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";
    private static final Pattern VAULT_REFERENCE = Pattern.compile("^\\$\\{vault\\.[A-Za-z0-9_.\\-]{1,200}}$");
    private static final Logger LOG = Logger.getLogger(PairwiseIdSamlMapper.class);

    @Override
    public void transformAttributeStatement(AttributeStatementType statement, ProtocolMapperModel mapping,
                                            KeycloakSession session, UserSessionModel userSession,
                                            AuthenticatedClientSessionModel clientSession) {
        String reference = mapping.getConfig() == null ? null : mapping.getConfig().get(KEY);
        reference = reference == null || reference.isBlank() ? DEFAULT_KEY : reference.strip();
        if (!VAULT_REFERENCE.matcher(reference).matches()) {
            LOG.errorf("Mapper %s: the key must be a vault reference; attribute left out", mapping.getName());
            return;
        }
        String key;
        try (VaultStringSecret secret = session.vault().getStringSecret(reference)) {
            key = secret.get().orElse(null);
        }
        if (key == null) {
            LOG.errorf("Mapper %s: the vault has no secret %s; attribute left out", mapping.getName(), reference);
            return;
        }
        String id = PairwiseIds.of(key.getBytes(StandardCharsets.UTF_8), userSession.getRealm().getId(),
                userSession.getUser().getId(), clientSession.getClient().getClientId());
        AttributeType attribute = new AttributeType(ATTRIBUTE);
        attribute.setNameFormat(URI_NAME_FORMAT);
        attribute.addAttributeValue(id);
        statement.addAttribute(new AttributeStatementType.ASTChoiceType(attribute));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Servicekonto pairwise id (bPK2-like)";
    }

    @Override
    public String getDisplayCategory() {
        return "AttributeStatement Mapper";
    }

    @Override
    public String getHelpText() {
        return "Adds " + ATTRIBUTE + ": an identifier of the account that is stable for this portal and unrelated "
                + "between portals (HMAC under a vault secret).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create().property().name(KEY).type(ProviderConfigProperty.STRING_TYPE)
                .label("Key (vault reference)").defaultValue(DEFAULT_KEY)
                .helpText("Secret of at least 32 bytes; changing it changes every portal's identifiers.").add().build();
    }
}
