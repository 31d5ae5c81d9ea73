package io.ttgateway.connection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counter thumbtack_token_refreshes_total{outcome}: refreshed, rejected (refresh token refused: now
 * NEEDS_REAUTH), expired (refresh token past 720 h), failed (will retry with back-off), lease_lost.
 * Each failed one also counts in thumbtack_token_refresh_failures_total{reason} (RefreshFailure's tags:
 * client_unauthorized, forbidden, not_found, redirected, bad_request, rate_limited, server_error,
 * timeout, network, circuit_open, null_answer, bad_answer). Gauge thumbtack_connections{status}: the
 * connections in each status, counted in the database (every replica reports the same numbers).
 */
@ApplicationScoped
public class ConnectionMetrics {

    private final MeterRegistry registry;

    private final Map<ConnectionStatus, AtomicLong> byStatus = new EnumMap<>(ConnectionStatus.class);

    ConnectionMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (ConnectionStatus status : ConnectionStatus.values()) {
            AtomicLong count = new AtomicLong();
            byStatus.put(status, count);
            Gauge.builder("thumbtack.connections", count, AtomicLong::get).tag("status", status.name())
                    .description("Connections in each status").register(registry);
        }
    }

    void connections(Map<ConnectionStatus, Long> counts) {
        byStatus.forEach((status, count) -> count.set(counts.getOrDefault(status, 0L)));
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
