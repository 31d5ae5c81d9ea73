package io.ttgateway.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void doublesPerFailureUpToTheCap() {
        assertThat(Backoff.after(1, ONE_SECOND, FIVE_MINUTES)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.after(2, ONE_SECOND, FIVE_MINUTES)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.after(4, ONE_SECOND, FIVE_MINUTES)).isEqualTo(Duration.ofSeconds(8));
        assertThat(Backoff.after(20, ONE_SECOND, FIVE_MINUTES)).isEqualTo(FIVE_MINUTES);
        assertThat(Backoff.after(1000, ONE_SECOND, FIVE_MINUTES)).isEqualTo(FIVE_MINUTES);
    }

    @Test
    void jitterStaysBetweenHalfAndAllOfTheDelayAndVaries() {
        java.util.Set<Duration> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            Duration delay = Backoff.withJitter(4, ONE_SECOND, FIVE_MINUTES);
            assertThat(delay).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
            seen.add(delay);
        }
        assertThat(seen).hasSizeGreaterThan(10);
    }
}
