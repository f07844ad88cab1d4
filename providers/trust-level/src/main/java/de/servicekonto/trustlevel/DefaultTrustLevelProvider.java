package de.servicekonto.trustlevel;

import de.servicekonto.trustlevel.spi.TrustLevelProvider;
import java.util.Optional;

/** Resolves levels from the fixed table in {@link TrustLevel}; holds no state. */
final class DefaultTrustLevelProvider implements TrustLevelProvider {

    static final DefaultTrustLevelProvider INSTANCE = new DefaultTrustLevelProvider();

    private DefaultTrustLevelProvider() {
    }

    @Override
    public Optional<TrustLevelIdentifier> parse(String identifier) {
        return TrustLevelIdentifier.parse(identifier);
    }

    @Override
    public Optional<TrustLevel> fromLoa(int loa) {
        return TrustLevel.fromLoa(loa);
    }
}
