package de.servicekonto.trustlevel.passkey;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Condition {@value #ID}: true after a password login on an account that has a passkey and has not used it in this
 * login ({@link PasskeyRule#secondFactorDue}); its sub-flow then asks for the passkey as second factor. Keycloak's
 * "Condition - user configured" would not do: it cannot tell a password login from one that used the passkey already
 * in the password form, or from the ID card, which needs no second factor.
 */
public final class PasskeySecondFactorCondition implements ConditionalAuthenticator, ConditionalAuthenticatorFactory {

    public static final String ID = "sk-condition-passkey-second-factor";

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        return user != null && PasskeyRule.secondFactorDue(
                user.credentialManager().isConfiguredFor(PasskeyRule.PASSKEY_CREDENTIAL),
                PasskeyLogin.credentialTypesUsed(context.getAuthenticationSession()));
    }

    @Override
    public ConditionalAuthenticator getSingleton() {
        return this;
    }

    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Servicekonto: Condition - passkey as second factor";
    }

    @Override
    public String getHelpText() {
        return "True after a password login on an account with a passkey that was not used yet in this login.";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {
                AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
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
