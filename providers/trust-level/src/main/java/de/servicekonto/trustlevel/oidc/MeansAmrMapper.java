package de.servicekonto.trustlevel.oidc;

import de.servicekonto.trustlevel.means.AmrValues;
import de.servicekonto.trustlevel.means.ReachedLevel;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.authenticators.util.LoAUtil;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

/**
 * The {@code amr} claim from the means the session recorded for the level this client session asserts
 * ({@link ReachedLevel}, {@link AmrValues}). Keycloak's own AMR mapper names the executions that ran, which would call
 * a passkey used in the password form a password; the means notes say what the citizen actually used.
 */
public final class MeansAmrMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {

    public static final String PROVIDER_ID = "sk-oidc-amr-mapper";
    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, MeansAmrMapper.class);
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mapping, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        int loa = LoAUtil.getCurrentLevelOfAuthentication(clientSessionCtx.getClientSession());
        List<String> amr = ReachedLevel.of(String.valueOf(loa), userSession.getNotes())
                .map(reached -> AmrValues.of(reached.means()))
                .orElse(List.of());
        if (!amr.isEmpty()) {
            token.getOtherClaims().put(OAuth2Constants.AUTHENTICATOR_METHOD_REFERENCE, amr);
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Servicekonto means used (amr)";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "amr (RFC 8176) from the means the citizen used for the trust level of this login: pwd; hwk, mfa for a "
                + "passkey; sc, pin, mfa for the ID card.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }
}
