package io.ttgateway.connection;

import java.time.Duration;

/** Exponential back-off: initial, 2x, 4x, ... capped at max. */
final class Backoff {

    private Backoff() {}

    static Duration after(int failures, Duration initial, Duration max) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
