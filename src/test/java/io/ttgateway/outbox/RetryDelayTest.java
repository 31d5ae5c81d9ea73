package io.ttgateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A 429's Retry-After is honoured when longer than the back-off, and never beyond max-backoff. */
class RetryDelayTest {

    @ParameterizedTest(name = "back-off {0} s, Retry-After {1} s, max {2} s -> {3} s")
    @CsvSource(nullValues = "none", value = {
            "1, none, 300, 1",
            "1, 30, 300, 30",
            "40, 30, 300, 40",
            "1, 86400, 300, 300",
            "1, 0, 300, 1"})
    void theLongerOfBackoffAndRetryAfterUpToTheMax(long backoff, Long retryAfter, long max, long expected) {
        assertThat(OutcomeRecorder.retryDelay(Duration.ofSeconds(backoff),
                retryAfter == null ? null : Duration.ofSeconds(retryAfter), Duration.ofSeconds(max)))
                .isEqualTo(Duration.ofSeconds(expected));
    }
}
