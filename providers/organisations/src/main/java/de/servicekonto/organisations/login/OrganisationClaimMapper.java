package de.servicekonto.organisations.login;

import de.servicekonto.organisations.ActingFor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * OIDC mapper {@value #ID}: claim {@value #CLAIM} ({@code id}, {@code name}, {@code kind}, {@code role}) for the
 * organisation chosen at login. Membership and the authority's state are checked again for every token, so a
 * refreshed token of someone removed meanwhile (or of a suspended authority) carries no organisation.
 */
public final class OrganisationClaimMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {

    public static final String ID = "sk-oidc-organisation-mapper";
    public static final String CLAIM = "organisation";
    private static final List<ProviderConfigProperty> PROPERTIES = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(PROPERTIES, OrganisationClaimMapper.class);
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        String chosen = clientSessionCtx.getClientSession().getNote(ActingOptions.NOTE_ID);
        ActingOptions.current(session, userSession.getRealm(), userSession.getUser(), chosen)
                .ifPresent(option -> token.getOtherClaims().put(CLAIM, claim(option)));
    }

    static Map<String, String> claim(ActingFor.Option option) {
        Map<String, String> claim = new LinkedHashMap<>();
        claim.put("id", option.id());
        claim.put("name", option.name());
        claim.put("kind", option.kind().name().toLowerCase(java.util.Locale.ROOT));
        claim.put("role", option.role().claim());
        return claim;
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
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Claim 'organisation' (id, name, kind, role) when the person chose at login to act for an organisation "
                + "or authority (scope " + ActingFor.SCOPE + ").";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }
}
