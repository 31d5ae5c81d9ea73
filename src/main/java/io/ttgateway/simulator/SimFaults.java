package io.ttgateway.simulator;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Injected failures of the simulated pro-api, to show retries and timeouts: the next calls of an
 * operation answer a chosen status (an outage) and/or answer late (the call is processed, the answer
 * is delayed, as when a network times out after the server acted). A fault may be limited to one
 * business, so that sends for other pros (or left over from earlier runs) do not use it up.
 */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class SimFaults {

    public enum Operation {
        TOKENS, INFO, DISCONNECT, MESSAGE, TARGETING, CREATE_LEAD,
        /** v4 POST /oauth2/token. */
        V4_TOKEN,
        /** v4 POST /api/v4/negotiations/{id}/messages (may be limited to the negotiation's business). */
        V4_MESSAGE,
        /** Every other v4 API call. */
        V4_API;

        static Operation parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (RuntimeException e) {
                throw SimError.badRequest("invalid_request", "operation must be one of tokens, info, disconnect, message,"
                        + " targeting, create-lead, v4-token, v4-message, v4-api");
            }
        }

        /** Whether a fault of this operation may be limited to one business (the call names its business). */
        boolean perBusiness() {
            return this == MESSAGE || this == V4_MESSAGE;
        }
    }

    /** {@code status} null: answer normally (after the delay); {@code businessId} null: any call. */
    public record Fault(Integer status, Duration delay, String businessId) {

        boolean matches(String calledFor) {
            return businessId == null || businessId.equals(calledFor);
        }
    }

    static final int RETRY_AFTER_SECONDS = 1;

    private final Map<Operation, Deque<Fault>> pending = new EnumMap<>(Operation.class);

    public synchronized void add(Operation operation, Fault fault, int times) {
        Deque<Fault> queue = pending.computeIfAbsent(operation, o -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.addLast(fault);
        }
    }

    public synchronized Map<Operation, Integer> pending() {
        Map<Operation, Integer> counts = new EnumMap<>(Operation.class);
        pending.forEach((operation, queue) -> counts.put(operation, queue.size()));
        return counts;
    }

    /** Runs {@code handler} unless a pending fault replaces its answer; delays the answer if asked. */
    public Uni<Response> apply(Operation operation, Supplier<Response> handler) {
        return apply(operation, null, handler);
    }

    /** As {@link #apply(Operation, Supplier)} for a call made for {@code businessId}. */
    public Uni<Response> apply(Operation operation, String businessId, Supplier<Response> handler) {
        Fault fault = take(operation, businessId);
        if (fault == null) {
            return Uni.createFrom().item(handler);
        }
        Uni<Response> answer = fault.status() == null
                ? Uni.createFrom().item(handler)
                : Uni.createFrom().item(() -> injected(fault.status()));
        return fault.delay().isZero() ? answer : answer.onItem().delayIt().by(fault.delay());
    }

    /**
     * The injected answer: 202 is the firewall's silent challenge (an HTML page, not the API's answer,
     * reference v4: Errors), 429 carries Retry-After, any other status an error body.
     */
    private static Response injected(int status) {
        if (status == 202) {
            return Response.status(202).type(MediaType.TEXT_HTML_TYPE)
                    .entity("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
                            + "<noscript>Enable JavaScript and cookies to continue</noscript></body></html>")
                    .build();
        }
        Response.ResponseBuilder answer = SimError.answer(status, "simulated_failure",
                "failure injected through /simulator/control/faults");
        return (status == 429 ? answer.header("Retry-After", RETRY_AFTER_SECONDS) : answer).build();
    }

    synchronized void reset() {
        pending.clear();
    }

    private synchronized Fault take(Operation operation, String businessId) {
        Deque<Fault> queue = pending.get(operation);
        if (queue == null) {
            return null;
        }
        for (Iterator<Fault> faults = queue.iterator(); faults.hasNext(); ) {
            Fault fault = faults.next();
            if (fault.matches(businessId)) {
                faults.remove();
                return fault;
            }
        }
        return null;
    }
}
