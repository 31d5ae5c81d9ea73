package io.ttgateway.thumbtackv4;

import java.time.Duration;
import java.util.Optional;

/** Raised inside {@link V4Guard} for an attempt worth repeating: 5xx, 202 challenge, network, null token answer. */
class V4RetryableFailure extends RuntimeException {

    private final V4Result.Failure failure;
    private final transient Optional<Duration> retryAfter;

    V4RetryableFailure(V4Result.Failure failure, String message, Optional<Duration> retryAfter) {
        super(message, null, false, false);
        this.failure = failure;
        this.retryAfter = retryAfter;
    }

    V4Result.Failure failure() {
        return failure;
    }

    Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
