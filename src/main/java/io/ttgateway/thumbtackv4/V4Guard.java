package io.ttgateway.thumbtackv4;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.util.function.Supplier;

/**
 * The fault-tolerance policies of the calls to Thumbtack's v4 servers, applied without blocking a
 * thread. Each {@link ThumbtackV4} method names the one it goes through. A 4xx is an ordinary answer
 * here, never retried and never counted by a breaker; 5xx, a 202 challenge, timeouts and network
 * errors are. Each attempt calls {@code request.get()} again, so a retry sends a new HTTP request.
 * Values can be overridden with MicroProfile Fault Tolerance configuration, e.g.
 * {@code io.ttgateway.thumbtackv4.V4Guard/repeatable/Timeout/value=1000} (the test profile does).
 */
@ApplicationScoped
class V4Guard {

    /**
     * Calls whose repetition changes nothing at Thumbtack (reads, setting a webhook's auth or a job
     * status, deleting a webhook): 2.5 s per attempt, at most 3 attempts within 8 s, breaker
     * "thumbtack-v4" shared by them.
     */
    @AsynchronousNonBlocking
    @Timeout(2500)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, maxDuration = 8000,
            retryOn = {V4RetryableFailure.class, TimeoutException.class})
    @ExponentialBackoff(factor = 2, maxDelay = 2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 30000, successThreshold = 2,
            failOn = {V4RetryableFailure.class, TimeoutException.class})
    @CircuitBreakerName("thumbtack-v4")
    public Uni<V4Reply> repeatable(Supplier<Uni<V4Reply>> request) {
        return Uni.createFrom().deferred(() -> request.get());
    }

    /**
     * Calls that create something at Thumbtack (a message, a webhook, a test lead): one attempt, since
     * a lost answer may hide a success; the caller decides about a repeat (the outbox with its
     * back-off, webhook registration after listing what exists). Breaker "thumbtack-v4-send".
     */
    @AsynchronousNonBlocking
    @Timeout(5000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 30000, successThreshold = 2,
            failOn = {V4RetryableFailure.class, TimeoutException.class})
    @CircuitBreakerName("thumbtack-v4-send")
    public Uni<V4Reply> once(Supplier<Uni<V4Reply>> request) {
        return Uni.createFrom().deferred(() -> request.get());
    }

    /**
     * The first request to the token endpoint (a code exchange or a refresh): timeout and a breaker of
     * its own, "thumbtack-v4-token", so an API brownout never pauses refreshes.
     */
    @AsynchronousNonBlocking
    @Timeout(2500)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 30000, successThreshold = 2,
            failOn = {V4RetryableFailure.class, TimeoutException.class})
    @CircuitBreakerName("thumbtack-v4-token")
    public Uni<V4Reply> tokenFirst(Supplier<Uni<V4Reply>> request) {
        return Uni.createFrom().deferred(() -> request.get());
    }

    /**
     * A repeat of a refresh that was sent (null answer, 5xx, timeout, network error): Thumbtack may
     * have rotated the pair already, and only the same refresh token within its 60-second grace gets
     * the new one, so no breaker may cut it short. A timeout and nothing else.
     */
    @AsynchronousNonBlocking
    @Timeout(2500)
    public Uni<V4Reply> graceRetry(Supplier<Uni<V4Reply>> request) {
        return Uni.createFrom().deferred(() -> request.get());
    }
}
