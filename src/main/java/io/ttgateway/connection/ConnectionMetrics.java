package io.ttgateway.connection;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counter thumbtack_token_refreshes_total{outcome}: refreshed, rejected (refresh token refused: now
 * NEEDS_REAUTH), expired (refresh token past 720 h), failed (will retry with back-off), lease_lost.
 * Each failed one also counts in thumbtack_token_refresh_failures_total{reason} (RefreshFailure's tags:
 * client_unauthorized, forbidden, not_found, redirected, bad_request, rate_limited, server_error,
 * timeout, network, circuit_open, null_answer, bad_answer).
 */
@ApplicationScoped
public class ConnectionMetrics {

    private final MeterRegistry registry;

    ConnectionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void refresh(String outcome) {
        registry.counter("thumbtack.token.refreshes", "outcome", outcome).increment();
    }

    /** thumbtack_legacy_disconnect_failures_total: a business moved to v4 whose legacy disconnect failed. */
    void legacyDisconnectFailed() {
        registry.counter("thumbtack.legacy.disconnect.failures").increment();
    }

    void refreshFailed(RefreshFailure reason) {
        registry.counter("thumbtack.token.refresh.failures", "reason", reason.tag()).increment();
    }
}
