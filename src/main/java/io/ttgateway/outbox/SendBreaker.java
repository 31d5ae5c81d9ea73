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
 * What the send circuit breaker ("thumbtack-send", ThumbtackGuard.once) means for claiming. While it
 * is open every send fails at once, so a claimed message only comes back "paused": with a large
 * backlog, claiming would rewrite the whole queue over and over on every replica for the whole
 * outage. So nothing is claimed while it is open and its delay runs; once the delay is over, a claim
 * takes a single message, whose send is the breaker's probe, and full batches again once it closed.
 * The breaker is per replica; each replica probes on its own.
 */
@ApplicationScoped
public class SendBreaker {

    static final String NAME = "thumbtack-send";
    /** ThumbtackGuard.once's @CircuitBreaker delay setting (MicroProfile Fault Tolerance), in ms. */
    static final String DELAY_SETTING = "io.ttgateway.thumbtack.ThumbtackGuard/once/CircuitBreaker/delay";
    /** The annotation's value, used when the setting is not overridden. */
    private static final long DEFAULT_DELAY_MS = 30_000;

    private final CircuitBreakerMaintenance breakers;
    private final Duration delay;
    private volatile long openedAtNanos = System.nanoTime();

    SendBreaker(CircuitBreakerMaintenance breakers) {
        this.breakers = breakers;
        this.delay = Duration.ofMillis(ConfigProvider.getConfig().getOptionalValue(DELAY_SETTING, Long.class)
                .orElse(DEFAULT_DELAY_MS));
    }

    void watch(@Observes StartupEvent event) {
        breakers.onStateChange(NAME, state -> {
            if (state == CircuitBreakerState.OPEN) {
                openedAtNanos = System.nanoTime();
            }
        });
    }

    /** How many messages a claim may take now, for a batch of {@code batchSize}. */
    int claimLimit(int batchSize) {
        CircuitBreakerState state = breakers.currentState(NAME);
        if (state == CircuitBreakerState.CLOSED) {
            return batchSize;
        }
        if (state == CircuitBreakerState.OPEN && System.nanoTime() - openedAtNanos < delay.toNanos()) {
            return 0;
        }
        // Open with its delay over (the next send moves it to half-open), or half-open: one probe at a time.
        return 1;
    }

    /** When a message the open breaker turned back is tried again: after the delay, plus up to half of it. */
    Duration pause() {
        return delay.plusMillis(ThreadLocalRandom.current().nextLong(delay.toMillis() / 2 + 1));
    }
}
