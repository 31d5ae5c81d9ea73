package io.ttgateway.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What the simulated Thumbtack received (messages, targeting changes, disconnects, token requests of
 * both APIs, v4 job statuses) and sent (webhooks and v4 deliveries), newest first, each list bounded by {@code gateway.simulator.history-size}.
 * Token values are never recorded.
 */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class ActivityLog {

    /** A message a partner sent to a customer; {@code api} is "v2" (bearer) or "v1" (Basic). */
    public record ReceivedMessage(Instant at, String api, String businessId, String leadId, String text) {}

    /** {@code categoryId} is null for the service-wide endpoint. */
    public record TargetingChange(Instant at, String businessId, String serviceId, String categoryId, boolean enabled) {}

    public record Disconnect(Instant at, String businessId, String clientId, int revokedTokens) {}

    /** One call of /v2/tokens/access: its grant type, the business when known, and how it was answered. */
    public record TokenRequest(Instant at, String grantType, String businessId, String outcome) {}

    /** One call of the v4 /oauth2/token: the grant's user and businesses when known, and how it was answered. */
    public record V4TokenRequest(Instant at, String grantType, String userId, List<String> businessIds, String outcome) {}

    /** A v4 POST /api/v4/negotiations/{id}/job-status. */
    public record JobStatusChange(Instant at, String businessId, String negotiationId, String status) {}

    /** A webhook delivered to the service; {@code status} is null when the service did not answer. */
    public record SentWebhook(Instant at, String kind, String method, String url, JsonNode payload, Integer status,
            String response, String error) {}

    private final int size;
    private final Deque<ReceivedMessage> messages = new ArrayDeque<>();
    private final Deque<TargetingChange> targeting = new ArrayDeque<>();
    private final Deque<Disconnect> disconnects = new ArrayDeque<>();
    private final Deque<TokenRequest> tokenRequests = new ArrayDeque<>();
    private final Deque<SentWebhook> webhooks = new ArrayDeque<>();
    private final Deque<V4TokenRequest> v4TokenRequests = new ArrayDeque<>();
    private final Deque<JobStatusChange> jobStatuses = new ArrayDeque<>();

    ActivityLog(SimulatorConfig config) {
        this.size = Math.max(1, config.historySize());
    }

    public void add(ReceivedMessage entry) {
        push(messages, entry);
    }

    public void add(TargetingChange entry) {
        push(targeting, entry);
    }

    public void add(Disconnect entry) {
        push(disconnects, entry);
    }

    public void add(TokenRequest entry) {
        push(tokenRequests, entry);
    }

    public void add(SentWebhook entry) {
        push(webhooks, entry);
    }

    public void add(V4TokenRequest entry) {
        push(v4TokenRequests, entry);
    }

    public void add(JobStatusChange entry) {
        push(jobStatuses, entry);
    }

    public List<V4TokenRequest> v4TokenRequests() {
        return snapshot(v4TokenRequests);
    }

    public List<JobStatusChange> jobStatuses() {
        return snapshot(jobStatuses);
    }

    public List<ReceivedMessage> messages() {
        return snapshot(messages);
    }

    public List<TargetingChange> targeting() {
        return snapshot(targeting);
    }

    public List<Disconnect> disconnects() {
        return snapshot(disconnects);
    }

    public List<TokenRequest> tokenRequests() {
        return snapshot(tokenRequests);
    }

    public List<SentWebhook> webhooks() {
        return snapshot(webhooks);
    }

    synchronized void reset() {
        messages.clear();
        targeting.clear();
        disconnects.clear();
        tokenRequests.clear();
        webhooks.clear();
        v4TokenRequests.clear();
        jobStatuses.clear();
    }

    private synchronized <T> void push(Deque<T> list, T entry) {
        list.addFirst(entry);
        while (list.size() > size) {
            list.removeLast();
        }
    }

    private synchronized <T> List<T> snapshot(Deque<T> list) {
        return new ArrayList<>(list);
    }
}
