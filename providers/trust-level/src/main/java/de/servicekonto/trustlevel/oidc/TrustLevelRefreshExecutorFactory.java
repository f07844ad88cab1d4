package de.servicekonto.trustlevel.oidc;

/** Registers {@link TrustLevelRefreshExecutor}; the shipped realm applies it to every client (realm-config). */
public final class TrustLevelRefreshExecutorFactory extends StatelessExecutorFactory {

    public static final String PROVIDER_ID = "sk-trust-level-refresh";

    public TrustLevelRefreshExecutorFactory() {
        super(PROVIDER_ID, "Servicekonto: refreshed tokens carry only the trust level the session may still assert "
                + "(maximum age and idle limit of each level), not the level of the original login.",
                new TrustLevelRefreshExecutor());
    }
}
