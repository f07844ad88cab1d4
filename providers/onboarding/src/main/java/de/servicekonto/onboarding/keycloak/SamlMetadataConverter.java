package de.servicekonto.onboarding.keycloak;

import de.servicekonto.onboarding.MetadataSettings;
import de.servicekonto.onboarding.SpMetadata;
import jakarta.ws.rs.BadRequestException;
import java.util.HashMap;
import org.keycloak.Config;
import org.keycloak.exportimport.ClientDescriptionConverter;
import org.keycloak.exportimport.ClientDescriptionConverterFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.saml.EntityDescriptorDescriptionConverter;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * SAML SP metadata to a client, for the admin console's "Import client", the admin API's
 * {@code POST /admin/realms/{realm}/client-description-converter} and SAML client registration: Keycloak's own
 * converter, corrected by {@link MetadataSettings} (keys without {@code use}, {@code AuthnRequestsSigned},
 * encryption profile, persistent NameID, single logout through the browser or over SOAP).
 *
 * <p>Why the same id as Keycloak's ({@value EntityDescriptorDescriptionConverter#ID}) and {@link #order()} 1:
 * Keycloak 26.7.3's endpoint takes the first factory whose {@code isSupported} matches, in no defined order, so a
 * second SAML converter would win or lose by chance. Under one id only one factory exists: its
 * {@code ProviderManager.compareFactories} keeps the higher {@code order()} (and a custom factory over a built-in
 * one on a tie). {@code SamlOnboardingIT} proves it through the real server.
 */
public final class SamlMetadataConverter implements ClientDescriptionConverter, ClientDescriptionConverterFactory {

    /** Keycloak's converter, used as a plain object: it keeps no state and needs no session. */
    private final EntityDescriptorDescriptionConverter keycloak = new EntityDescriptorDescriptionConverter();

    @Override
    public boolean isSupported(String description) {
        return description != null && keycloak.isSupported(description);
    }

    @Override
    public ClientRepresentation convertToInternal(String description) {
        SpMetadata metadata;
        try {
            // Ours first: bounded and without DTDs, before Keycloak's parser sees the text.
            metadata = SpMetadata.parse(description);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        ClientRepresentation client = keycloak.convertToInternal(description);
        if (client.getAttributes() == null) {
            client.setAttributes(new HashMap<>());
        }
        try {
            MetadataSettings.apply(metadata, client.getAttributes());
            // Keycloak 26.7.3 leaves the flag unset, and SamlProtocolFactory then turns it on for every SAML client:
            // an SP that declares only SOAP would never get its back-channel LogoutRequest.
            client.setFrontchannelLogout(metadata.singleLogout().frontChannel());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        return client;
    }

    @Override
    public ClientDescriptionConverter create(KeycloakSession session) {
        return this;
    }

    @Override
    public int order() {
        return 1;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return EntityDescriptorDescriptionConverter.ID;
    }
}
