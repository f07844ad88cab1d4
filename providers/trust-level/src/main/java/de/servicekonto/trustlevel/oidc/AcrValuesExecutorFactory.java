package de.servicekonto.trustlevel.oidc;

/** Registers {@link AcrValuesExecutor}; the shipped realm applies it to every client (realm-config). */
public final class AcrValuesExecutorFactory extends StatelessExecutorFactory {

    public static final String PROVIDER_ID = "sk-acr-values";

    public AcrValuesExecutorFactory() {
        super(PROVIDER_ID, "Servicekonto: refuses authorization requests whose acr_values or acr claim request name a "
                + "level the realm's ACR-to-LoA map does not know (invalid_request).", new AcrValuesExecutor());
    }
}
