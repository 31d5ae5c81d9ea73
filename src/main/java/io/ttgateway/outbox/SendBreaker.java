package io.ttgateway.outbox;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What the send circuit breakers mean for claiming. Each API has its own: "thumbtack-send"
 * (ThumbtackGuard.once) for the legacy sends, "thumbtack-v4-send" (V4Guard.once) for the v4 ones.
 * While one is open every send through it fails at once, so a claimed message only comes back
 * "paused": with a large backlog, claiming would rewrite the whole queue over and over on every
 * replica for the whole outage. So no message of that API is claimed while its breaker is open and
 * its delay runs; once the delay is over, a claim takes a single message of it, whose send is the
 * breaker's probe, and full batches again once it closed. The other API's messages are claimed as
 * usual meanwhile: an outage of one API does not hold back the other's messages. The breakers are
 * per replica; each replica probes on its own.
 */
@ApplicationScoped
public class SendBreaker {

    static final String NAME = "thumbtack-send";
    static final String V4_NAME = "thumbtack-v4-send";
    /** ThumbtackGuard.once's @CircuitBreaker delay setting (MicroProfile Fault Tolerance), in ms. */
    static final String DELAY_SETTING = "io.ttgateway.thumbtack.ThumbtackGuard/once/CircuitBreaker/delay";
    static final String V4_DELAY_SETTING = "io.ttgateway.thumbtackv4.V4Guard/once/CircuitBreaker/delay";
    /** The annotations' value, used when a setting is not overridden. */
    private static final long DEFAULT_DELAY_MS = 30_000;

    /** How many messages of each API a claim may take now. */
    record Limits(int legacy, int v4) {
        boolean none() {
            return legacy == 0 && v4 == 0;
        }
    }

    private final CircuitBreakerMaintenance breakers;
    private final Watched legacy;
    private final Watched v4;

    SendBreaker(CircuitBreakerMaintenance breakers) {
        this.breakers = breakers;
        this.legacy = new Watched(NAME, delay(DELAY_SETTING));
        this.v4 = new Watched(V4_NAME, delay(V4_DELAY_SETTING));
    }

    private static Duration delay(String setting) {
        return Duration.ofMillis(ConfigProvider.getConfig().getOptionalValue(setting, Long.class)
                .orElse(DEFAULT_DELAY_MS));
    }

    void watch(@Observes StartupEvent event) {
        legacy.watch(breakers);
        v4.watch(breakers);
    }

    /** How many messages of each API a claim may take now, for a batch of {@code batchSize}. */
    Limits claimLimits(int batchSize) {
        return new Limits(legacy.claimLimit(breakers, batchSize), v4.claimLimit(breakers, batchSize));
    }

    /**
     * When a message an open breaker turned back is tried again: after the delay, plus up to half of
     * it (the longer of the two breakers' delays: a paused send does not say whose breaker it was).
     */
    Duration pause() {
        Duration delay = legacy.delay.compareTo(v4.delay) >= 0 ? legacy.delay : v4.delay;
        return delay.plusMillis(ThreadLocalRandom.current().nextLong(delay.toMillis() / 2 + 1));
    }

    /** One breaker and when it last opened (by this replica's monotonic clock). */
    private static final class Watched {
        private final String name;
        private final Duration delay;
        private volatile long openedAtNanos = System.nanoTime();

        Watched(String name, Duration delay) {
            this.name = name;
            this.delay = delay;
        }

        void watch(CircuitBreakerMaintenance breakers) {
            breakers.onStateChange(name, state -> {
                if (state == CircuitBreakerState.OPEN) {
                    openedAtNanos = System.nanoTime();
                }
            });
        }

        int claimLimit(CircuitBreakerMaintenance breakers, int batchSize) {
            CircuitBreakerState state = breakers.currentState(name);
            if (state == CircuitBreakerState.CLOSED) {
                return batchSize;
            }
            if (state == CircuitBreakerState.OPEN && System.nanoTime() - openedAtNanos < delay.toNanos()) {
                return 0;
            }
            // Open with its delay over (the next send moves it to half-open), or half-open: one probe at a time.
            return 1;
        }
    }
}
