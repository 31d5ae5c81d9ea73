package io.ttgateway.outbox;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The send circuit breaker stays open 6 s (the test profile's 0.5 s is too short to watch what the
 * worker does meanwhile). The profiled key is set too: it wins over an unprofiled one.
 */
public class SlowBreakerProfile implements QuarkusTestProfile {

    static final long DELAY_MS = 6000;

    @Override
    public Map<String, String> getConfigOverrides() {
        String key = "io.ttgateway.thumbtack.ThumbtackGuard/once/CircuitBreaker/delay";
        return Map.of(key, String.valueOf(DELAY_MS), "%test." + key, String.valueOf(DELAY_MS));
    }
}
