package de.servicekonto.testing;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * TEST ONLY. Stands in for the means of a higher trust level (eID, ELSTER) until those modules exist: succeeds at
 * once for the user already identified by the lower level and records the configured means for the configured
 * level, as a real authenticator of that level will. Installed only into the integration-test server.
 */
public final class TestMeansAuthenticatorFactory implements AuthenticatorFactory, Authenticator {

    public static final String PROVIDER_ID = "sk-test-means";
    static final String MEANS = "sk.test.means";
    static final String LEVEL = "sk.test.level";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (context.getUser() == null) {
            // A level above niedrig is only ever added on top of an identified user.
            context.attempted();
            return;
        }
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        String means = config == null ? "Test" : config.getConfig().getOrDefault(MEANS, "Test");
        String level = config == null ? "3" : config.getConfig().getOrDefault(LEVEL, "3");
        context.getAuthenticationSession().setUserSessionNote("sk-means." + level, means);
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "TEST ONLY: stand-in means of a trust level";
    }

    @Override
    public String getHelpText() {
        return "Integration tests only.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
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
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        ProviderConfigProperty means = new ProviderConfigProperty(MEANS, "Means", "Name of the means recorded",
                ProviderConfigProperty.STRING_TYPE, "Test");
        ProviderConfigProperty level = new ProviderConfigProperty(LEVEL, "Level", "Trust level (LoA) it stands for",
                ProviderConfigProperty.STRING_TYPE, "3");
        return List.of(means, level);
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return this;
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
}
