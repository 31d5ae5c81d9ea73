package io.ttgateway.common;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off after the n-th failure: initial, 2x, 4x, ... capped at max. */
public final class Backoff {

    private Backoff() {}

    public static Duration after(int failures, Duration initial, Duration max) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** The same with jitter: between half and all of it, so retries of many callers spread out. */
    public static Duration withJitter(int failures, Duration initial, Duration max) {
        long ceiling = after(failures, initial, max).toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }
}
