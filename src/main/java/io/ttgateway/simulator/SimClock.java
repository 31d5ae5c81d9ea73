package io.ttgateway.simulator;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulated Thumbtack's clock: real time plus an offset that can only grow, so expiry (codes,
 * tokens, the refresh grace period) can be shown and tested without waiting.
 */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class SimClock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public Instant now() {
        return Instant.now().plus(offset.get());
    }

    public Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        offset.accumulateAndGet(by, Duration::plus);
        return now();
    }

    void reset() {
        offset.set(Duration.ZERO);
    }
}
