package de.servicekonto.trustlevel.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.trustlevel.means.ReachedLevel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double count(String realm, String level, String means) {
        Counter counter = registry.find(LoginMetrics.METER).tags("realm", realm, "level", level, "means", means).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void givenLoginsThenCountedPerRealmLevelAndMeans() {
        LoginMetrics.count(registry, "buerger", Optional.of(new ReachedLevel(1, "Benutzername")));
        LoginMetrics.count(registry, "buerger", Optional.of(new ReachedLevel(1, "Benutzername")));
        LoginMetrics.count(registry, "buerger", Optional.of(new ReachedLevel(3, "eID")));
        LoginMetrics.count(registry, "unternehmen", Optional.of(new ReachedLevel(3, "eID")));
        LoginMetrics.count(registry, "buerger", Optional.of(new ReachedLevel(2, "Passkey")));
        LoginMetrics.count(registry, "buerger", Optional.of(new ReachedLevel(1, "Benutzername+Passkey")));
        assertThat(count("buerger", "niedrig", "Benutzername")).isEqualTo(2);
        assertThat(count("buerger", "substanziell", "Passkey")).isEqualTo(1);
        assertThat(count("buerger", "niedrig", "Benutzername+Passkey")).isEqualTo(1);
        assertThat(count("buerger", "hoch", "eID")).isEqualTo(1);
        assertThat(count("unternehmen", "hoch", "eID")).isEqualTo(1);
    }

    @Test
    void givenUnknownMeansOrNoLevelThenFixedLabelsSoNoNewSeriesPerValue() {
        LoginMetrics.count(registry, "buerger", Optional.of(new ReachedLevel(3, "<script>")));
        LoginMetrics.count(registry, "buerger", Optional.of(new ReachedLevel(2, null)));
        LoginMetrics.count(registry, "buerger", Optional.of(new ReachedLevel(7, "eID")));
        LoginMetrics.count(registry, "buerger", Optional.empty());
        assertThat(count("buerger", "hoch", LoginMetrics.OTHER_MEANS)).isEqualTo(1);
        assertThat(count("buerger", "substanziell", LoginMetrics.OTHER_MEANS)).isEqualTo(1);
        assertThat(count("buerger", LoginMetrics.NO_LEVEL, "eID")).isEqualTo(1);
        assertThat(count("buerger", LoginMetrics.NO_LEVEL, LoginMetrics.OTHER_MEANS)).isEqualTo(1);
        assertThat(registry.find(LoginMetrics.METER).counters()).hasSize(4);
    }
}
