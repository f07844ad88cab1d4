package de.servicekonto.postfach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MailRetryTest {

    private static final long NOW = 1_000_000_000L;

    @Test
    void givenFailuresThenEachDelayIsFourTimesTheLastUpToADay() {
        MailRetry retry = MailRetry.defaults();

        assertThat(retry.next(1, NOW).getAsLong() - NOW).isEqualTo(Duration.ofMinutes(1).toMillis());
        assertThat(retry.next(2, NOW).getAsLong() - NOW).isEqualTo(Duration.ofMinutes(4).toMillis());
        assertThat(retry.next(3, NOW).getAsLong() - NOW).isEqualTo(Duration.ofMinutes(16).toMillis());
        assertThat(retry.next(6, NOW).getAsLong() - NOW).isEqualTo(Duration.ofMinutes(1024).toMillis());
        assertThat(retry.next(7, NOW).getAsLong() - NOW).isEqualTo(Duration.ofDays(1).toMillis());
        assertThat(retry.next(9, NOW).getAsLong() - NOW).isEqualTo(Duration.ofDays(1).toMillis());
    }

    @Test
    void givenTheLastAllowedAttemptFailedThenNoFurtherAttempt() {
        MailRetry retry = new MailRetry(Duration.ofSeconds(1), 3);

        assertThat(retry.next(2, NOW)).isPresent();
        assertThat(retry.next(3, NOW)).isEmpty();
        assertThat(retry.next(40, NOW)).isEmpty();
    }

    @Test
    void givenNonsenseSettingsThenRefused() {
        assertThatThrownBy(() -> new MailRetry(Duration.ZERO, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailRetry(Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MailRetry.defaults().next(0, NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
