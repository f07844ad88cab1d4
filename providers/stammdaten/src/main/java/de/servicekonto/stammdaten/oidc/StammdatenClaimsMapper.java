package de.servicekonto.stammdaten.oidc;

import de.servicekonto.stammdaten.ReleaseScopes;
import de.servicekonto.stammdaten.StammdatenClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

/**
 * OIDC mapper {@value #ID}: the master data Keycloak has no standard mapper for, and {@code verified_claims} with
 * the values read from the ID card (see {@link StammdatenClaims}). Keycloak's own mappers give the standard claims.
 * Only what the granted scopes release ({@link ReleaseScopes}): the consent screen lists exactly that.
 */
public final class StammdatenClaimsMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {

    public static final String ID = "sk-oidc-stammdaten-mapper";
    private static final List<ProviderConfigProperty> PROPERTIES = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(PROPERTIES, StammdatenClaimsMapper.class);
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        UserModel user = userSession.getUser();
        Set<String> verified = user.getAttributeStream("sk-verified").collect(Collectors.toSet());
        Map<String, Object> claims = StammdatenClaims.of(name -> switch (name) {
            case UserModel.FIRST_NAME -> user.getFirstName();
            case UserModel.LAST_NAME -> user.getLastName();
            default -> user.getFirstAttribute(name);
        }, verified, user.getFirstAttribute("sk-verified-by"), user.getFirstAttribute("sk-verified-at"),
                ReleaseScopes.released(clientSessionCtx.getClientScopesStream().map(ClientScopeModel::getName).toList()));
        token.getOtherClaims().putAll(claims);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Servicekonto: Stammdaten and verified claims";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Birth name, place of birth, nationalities, title, De-Mail address, and verified_claims (OpenID Connect "
                + "for Identity Assurance) for the values read from the ID card.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }
}
