package io.ttgateway.thumbtack;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The fault-tolerance policies of the calls to Thumbtack's pro-api, applied without blocking a
 * thread; each {@link ThumbtackApi} method names the one it goes through. {@link #repeatable}, for
 * calls whose repetition changes nothing at Thumbtack:
 * <ul>
 * <li>{@code @Timeout} 2.5 s per attempt;</li>
 * <li>{@code @Retry}: at most 3 attempts, 0.5 s then 1 s apart (+-0.2 s jitter), all within 8 s, only
 * on {@link RetryableFailure} (5xx, network errors, a {@code null} token answer) and timeouts. A 4xx
 * is an ordinary answer here, so it is never retried. Worst case (three timeouts) ends after about
 * 9 s: inside Thumbtack's 10-second grace period for a refresh token;</li>
 * <li>{@code @CircuitBreaker} shared by these calls (name "thumbtack"): after half of the last 20
 * attempts failed, calls fail at once for 30 s.</li>
 * </ul>
 * Calls that create something at Thumbtack go through {@link #once}.
 * A token refresh has its own policy ({@link #refreshFirst}, {@link #graceRetry}): a refresh whose
 * first request was sent may already have rotated the pair at Thumbtack, and only a retry with the
 * same refresh token within the 10-second grace period gets it; no breaker may cut that retry short.
 * Each attempt calls {@code request.get()} again, so a retry really sends a new HTTP request.
 * The values can be overridden with MicroProfile Fault Tolerance configuration, e.g.
 * {@code io.ttgateway.thumbtack.ThumbtackGuard/repeatable/Timeout/value=1000} (the test profile does).
 */
@ApplicationScoped
class ThumbtackGuard {

    @AsynchronousNonBlocking
    @Timeout(2500)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, maxDuration = 8000,
            retryOn = {RetryableFailure.class, TimeoutException.class})
    @ExponentialBackoff(factor = 2, maxDelay = 2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 30000, successThreshold = 2,
            failOn = {RetryableFailure.class, TimeoutException.class})
    @CircuitBreakerName("thumbtack")
    public Uni<Reply> repeatable(Supplier<Uni<Reply>> request) {
        return Uni.createFrom().deferred(() -> request.get());
    }

    /**
     * The first request of a token refresh: timeout, and a circuit breaker of its own
     * ("thumbtack-refresh", counting first requests only), so that a brownout of the partner-driven
     * calls never pauses refreshes, and repeated refresh failures pause new refreshes only. The
     * retries are ThumbtackApi's: each through {@link #graceRetry}.
     */
    @AsynchronousNonBlocking
    @Timeout(2500)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 30000, successThreshold = 2,
            failOn = {RetryableFailure.class, TimeoutException.class})
    @CircuitBreakerName("thumbtack-refresh")
    public Uni<Reply> refreshFirst(Supplier<Uni<Reply>> request) {
        return Uni.createFrom().deferred(() -> request.get());
    }

    /**
     * A grace retry of a refresh already sent (after a {@code null} answer, a timeout, a network error
     * or a 5xx): a timeout and nothing else. Whatever any breaker says, the retry is sent.
     */
    @AsynchronousNonBlocking
    @Timeout(2500)
    public Uni<Reply> graceRetry(Supplier<Uni<Reply>> request) {
        return Uni.createFrom().deferred(() -> request.get());
    }

    /**
     * For calls that must not be repeated here: sending a message (the outbox retries it with its own
     * back-off and counts the attempts) and creating test data. Timeout and a circuit breaker of
     * their own, so a message outage does not pause token refreshes and the other way round.
     */
    @AsynchronousNonBlocking
    @Timeout(5000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 30000, successThreshold = 2,
            failOn = {RetryableFailure.class, TimeoutException.class})
    @CircuitBreakerName("thumbtack-send")
    public Uni<Reply> once(Supplier<Uni<Reply>> request) {
        return Uni.createFrom().deferred(() -> request.get());
    }
}
