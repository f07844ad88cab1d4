package de.servicekonto.stammdaten.oidc;

import de.servicekonto.stammdaten.ReleaseScopes;
import de.servicekonto.stammdaten.StammdatenClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.keycloak.models.ClientModel;
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
import org.keycloak.representations.AddressClaimSet;
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
        Function<String, String> attribute = name -> switch (name) {
            case UserModel.FIRST_NAME -> user.getFirstName();
            case UserModel.LAST_NAME -> user.getLastName();
            default -> user.getFirstAttribute(name);
        };
        // Keycloak 26.7.3 lists the client itself among the session's client scopes (ClientModel is a
        // ClientScopeModel): its display name is no scope, may be null, and must never release data by being
        // called "address".
        Predicate<String> released = ReleaseScopes.released(clientSessionCtx.getClientScopesStream()
                .filter(scope -> !(scope instanceof ClientModel)).map(ClientScopeModel::getName).toList());
        token.getOtherClaims().putAll(StammdatenClaims.of(attribute, verified, user.getFirstAttribute("sk-verified-by"),
                user.getFirstAttribute("sk-verified-at"), released));
        if (released.test("street")) {
            // Keycloak's address mapper (run before this one) knows no house number and adds the region: the claim
            // becomes exactly what the consent screen lists.
            Map<String, Object> address = StammdatenClaims.address(attribute, released);
            token.setAddress(address.isEmpty() ? null : addressClaim(address));
        }
    }

    private static AddressClaimSet addressClaim(Map<String, Object> values) {
        AddressClaimSet address = new AddressClaimSet();
        address.setStreetAddress((String) values.get(AddressClaimSet.STREET_ADDRESS));
        address.setPostalCode((String) values.get(AddressClaimSet.POSTAL_CODE));
        address.setLocality((String) values.get(AddressClaimSet.LOCALITY));
        address.setCountry((String) values.get(AddressClaimSet.COUNTRY));
        return address;
    }

    /** After Keycloak's standard mappers (priority 0), so the address claim set here is the one issued. */
    @Override
    public int getPriority() {
        return 50;
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
