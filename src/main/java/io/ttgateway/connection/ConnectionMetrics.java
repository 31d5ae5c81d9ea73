package io.ttgateway.connection;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counter thumbtack_token_refreshes_total{outcome}: refreshed, rejected (now NEEDS_REAUTH), expired
 * (refresh token past 720 h), failed (will retry with back-off), lease_lost.
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
}
