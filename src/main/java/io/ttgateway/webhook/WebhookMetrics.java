package io.ttgateway.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ttgateway.common.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counter thumbtack_webhooks_total{type, outcome}: stored, duplicate, lead_not_known, invalid, unavailable,
 * forbidden (a v4 delivery naming another business than its webhook's). type is the legacy webhook
 * (lead, message, ...) or the v4 event (v4.negotiation_created, ..., v4.unhandled; "v4" when unreadable).
 */
@ApplicationScoped
public class WebhookMetrics {

    private final MeterRegistry registry;
    /** By type, then outcome: the registry's own lookup builds its tags and meter ID on every call. */
    private final Map<String, Map<String, Counter>> counters = new ConcurrentHashMap<>();

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts one webhook; answers the outcome label it counted under. */
    String record(String type, Outcome outcome, Throwable failure) {
        String name;
        if (failure == null) {
            name = outcome.name().toLowerCase();
        } else if (failure instanceof InvalidInputException) {
            name = "invalid";
        } else {
            name = "unavailable";
        }
        counter(type, name).increment();
        return name;
    }

    void forbidden(String type) {
        counter(type, "forbidden").increment();
    }

    private Counter counter(String type, String outcome) {
        return counters.computeIfAbsent(type, t -> new ConcurrentHashMap<>()).computeIfAbsent(outcome,
                o -> registry.counter("thumbtack.webhooks", "type", type, "outcome", o));
    }
}
