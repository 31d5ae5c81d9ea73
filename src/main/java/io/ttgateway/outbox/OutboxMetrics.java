package io.ttgateway.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * thumbtack_outbound_sends_total{outcome} (sent, retry, failed, paused), thumbtack_outbox_depth
 * (pending messages) and thumbtack_outbox_oldest_pending_seconds, the last two refreshed by the worker.
 */
@ApplicationScoped
public class OutboxMetrics {

    private final MeterRegistry registry;
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();

    OutboxMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("thumbtack.outbox.depth", depth, AtomicLong::get)
                .description("Outbound messages waiting to be sent").register(registry);
        Gauge.builder("thumbtack.outbox.oldest.pending.seconds", oldestSeconds, AtomicLong::get)
                .description("Age of the oldest pending outbound message").register(registry);
    }

    void sent(String outcome) {
        registry.counter("thumbtack.outbound.sends", "outcome", outcome).increment();
    }

    void backlog(double pending, double oldestAgeSeconds) {
        depth.set((long) pending);
        oldestSeconds.set((long) oldestAgeSeconds);
    }
}
