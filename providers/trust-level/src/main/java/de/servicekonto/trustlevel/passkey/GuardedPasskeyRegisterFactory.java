package de.servicekonto.trustlevel.passkey;

import org.keycloak.authentication.CredentialRegistrator;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.authentication.requiredactions.WebAuthnPasswordlessRegisterFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keycloak's passkey registration ({@value WebAuthnPasswordlessRegisterFactory#PROVIDER_ID}, which the account
 * console's "Signing in" page starts) with {@link PasskeyManagement#allowed} in front. Same provider id: Keycloak
 * 26.7.3 uses a provider of an extension over its own one of the same id (ProviderManager.compareFactories), so the
 * account console and the realm's required-action settings keep working unchanged.
 */
public final class GuardedPasskeyRegisterFactory extends WebAuthnPasswordlessRegisterFactory {

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return new Guarded(super.create(session));
    }

    /** Keycloak's registration, asked only once the level is there. */
    private record Guarded(RequiredActionProvider keycloak) implements RequiredActionProvider, CredentialRegistrator {

        @Override
        public void requiredActionChallenge(RequiredActionContext context) {
            if (PasskeyManagement.allowed(context)) {
                keycloak.requiredActionChallenge(context);
            }
        }

        @Override
        public void processAction(RequiredActionContext context) {
            if (PasskeyManagement.allowed(context)) {
                keycloak.processAction(context);
            }
        }

        @Override
        public void evaluateTriggers(RequiredActionContext context) {
            keycloak.evaluateTriggers(context);
        }

        @Override
        public InitiatedActionSupport initiatedActionSupport() {
            return keycloak.initiatedActionSupport();
        }

        /** Keycloak asks for the credential type to find the level a registration needs (AcrStore). */
        @Override
        public String getCredentialType(KeycloakSession session, AuthenticationSessionModel authSession) {
            return keycloak instanceof CredentialRegistrator registrator
                    ? registrator.getCredentialType(session, authSession) : PasskeyRule.PASSKEY_CREDENTIAL;
        }

        @Override
        public void close() {
            keycloak.close();
        }
    }
}
