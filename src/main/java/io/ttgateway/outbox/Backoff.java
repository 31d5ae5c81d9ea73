package io.ttgateway.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with jitter: attempt n waits between half and all of min(max, initial * 2^(n-1)). */
final class Backoff {

    private Backoff() {}

    static Duration after(int attempts, Duration initial, Duration max) {
        int exponent = Math.max(0, Math.min(attempts - 1, 30));
        long ceiling = Math.min(max.toMillis(), initial.toMillis() * (1L << exponent));
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }
}
