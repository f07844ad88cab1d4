package de.servicekonto.trustlevel.spi;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.TrustLevelIdentifier;
import java.util.Optional;
import org.keycloak.provider.Provider;

/**
 * Resolves the trust levels relying parties name and the levels Keycloak's step-up mechanism works with.
 */
public interface TrustLevelProvider extends Provider {

    /**
     * Parses a level named by a relying party (eIDAS URI, BSI URI or STORK level).
     *
     * @return the level and the vocabulary it was named in, or empty if the value names no level
     */
    Optional<TrustLevelIdentifier> parse(String identifier);

    /**
     * The trust level a Keycloak level of authentication stands for, or empty if it stands for none (for example
     * Keycloak's {@code 0} for an SSO re-authentication without a new step).
     */
    Optional<TrustLevel> fromLoa(int loa);

    @Override
    default void close() {
    }
}
