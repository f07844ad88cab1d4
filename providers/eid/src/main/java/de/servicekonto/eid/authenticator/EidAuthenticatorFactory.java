package de.servicekonto.eid.authenticator;

import java.util.Arrays;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import de.servicekonto.trustlevel.authenticator.StatelessAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Factory of {@link EidAuthenticator}; see docs/eid.md for the settings and where it goes in the flow. */
public final class EidAuthenticatorFactory implements StatelessAuthenticatorFactory {

    public static final String PROVIDER_ID = "sk-eid";
    /** Alias of the realm's eID settings, used by every eID execution that has no settings of its own. */
    public static final String SHARED_CONFIG = "sk-eid";
    /** The eID-Server clients, shared by the authenticator and the TC Token endpoint. */
    static final EidServers SERVERS = new EidServers();

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(EidSettings.SERVER_URL).type(ProviderConfigProperty.STRING_TYPE)
            .label("eID-Server address")
            .helpText("SOAP endpoint (https) of the eID-Server for useID and getResult (BSI TR-03130-1). Empty: no eID.")
            .add()
            .property().name(EidSettings.KEYSTORE).type(ProviderConfigProperty.STRING_TYPE)
            .label("Client keystore file")
            .helpText("Path on the server of the keystore with this service's key and certificate for mutual TLS.")
            .add()
            .property().name(EidSettings.KEYSTORE_TYPE).type(ProviderConfigProperty.LIST_TYPE)
            .options("PKCS12", "JKS").defaultValue("PKCS12")
            .label("Keystore type").helpText("Type of both keystore files.")
            .add()
            .property().name(EidSettings.KEYSTORE_PASSWORD).type(ProviderConfigProperty.STRING_TYPE)
            .label("Client keystore password").helpText("A vault reference, e.g. ${vault.sk-eid-keystore-password}.")
            .add()
            .property().name(EidSettings.TRUSTSTORE).type(ProviderConfigProperty.STRING_TYPE)
            .label("Trust store file")
            .helpText("Path of the keystore with the eID-Server's TLS certificate or CA. Required: the JVM's trust "
                    + "store is never used; without it the Online-Ausweis is not available.")
            .add()
            .property().name(EidSettings.TRUSTSTORE_PASSWORD).type(ProviderConfigProperty.STRING_TYPE)
            .label("Trust store password").helpText("A vault reference, e.g. ${vault.sk-eid-truststore-password}.")
            .add()
            .property().name(EidSettings.PSEUDONYM_KEY).type(ProviderConfigProperty.STRING_TYPE)
            .label("Pseudonym key")
            .helpText("A vault reference to a secret of at least 32 bytes; the card pseudonym is stored only as "
                    + "HMAC-SHA256 under it. Changing it unlinks every card.")
            .add()
            .property().name(EidSettings.MINIMUM_AGE).type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(String.valueOf(EidSettings.DEFAULT_MINIMUM_AGE))
            .label("Minimum age").helpText("Age the chip must confirm (0: no age verification).")
            .add()
            .property().name(EidSettings.OPTIONAL_DATA).type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
            .options(Arrays.stream(EidSettings.OptionalData.values()).map(EidSettings.OptionalData::configValue).toList())
            .label("Data read besides names, birth date and pseudonym")
            .helpText("Empty means: all but the community id.")
            .add()
            .property().name(EidSettings.CLIENT_URL).type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(EidSettings.DEFAULT_CLIENT_URL)
            .label("eID-Client address").helpText("Where the citizen's AusweisApp listens. Change only for development.")
            .add()
            .build();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Servicekonto: Online-Ausweis (eID)";
    }

    @Override
    public String getHelpText() {
        return "Login with the German ID card's online function through the eID-Client and an eID-Server; "
                + "reaches trust level hoch and creates or links accounts (Servicekonto Plus).";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {
                AuthenticationExecutionModel.Requirement.REQUIRED,
                AuthenticationExecutionModel.Requirement.ALTERNATIVE,
                AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new EidAuthenticator(SERVERS);
    }
}
