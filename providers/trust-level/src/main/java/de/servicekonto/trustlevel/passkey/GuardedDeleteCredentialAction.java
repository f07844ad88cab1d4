package de.servicekonto.trustlevel.passkey;

import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.requiredactions.DeleteCredentialAction;

/**
 * Keycloak's credential removal ({@value DeleteCredentialAction#PROVIDER_ID}, started by the account console) with
 * {@link PasskeyManagement#allowed} in front when the credential is a passkey; other credentials as Keycloak has it.
 * Same provider id, so it replaces Keycloak's own (see {@link GuardedPasskeyRegisterFactory}).
 */
public final class GuardedDeleteCredentialAction extends DeleteCredentialAction {

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        if (!guarded(context) || PasskeyManagement.allowed(context)) {
            super.requiredActionChallenge(context);
        }
    }

    @Override
    public void processAction(RequiredActionContext context) {
        if (!guarded(context) || PasskeyManagement.allowed(context)) {
            super.processAction(context);
        }
    }

    private static boolean guarded(RequiredActionContext context) {
        return PasskeyManagement.concernsPasskey(context.getAuthenticationSession(), context.getUser());
    }
}
