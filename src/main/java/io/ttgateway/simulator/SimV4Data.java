package io.ttgateway.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.properties.IfBuildProperty;
import io.ttgateway.simulator.WebhookSender.Credential;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the simulated v4 API stores: business webhooks (with their credentials, which no answer shows),
 * negotiations (leads, in NegotiationCreatedV4's data shape), their messages and the businesses'
 * reviews. Bounded so that a long dev session stays small; guarded by this object's monitor. Stored
 * JSON is handed out as copies.
 */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class SimV4Data {

    static final List<String> EVENT_TYPES = List.of("NegotiationCreatedV4", "MessageCreatedV4", "ReviewCreatedV4",
            "PresetJobMatchedV4", "PresetJobStatusChangedV4", "PresetJobCancelledV4", "PresetJobUpdatedV4",
            "PresetJobCompletedV4");
    private static final int MAX_NEGOTIATIONS = 10_000;
    private static final int MAX_MESSAGES_PER_NEGOTIATION = 500;
    private static final int MAX_REVIEWS_PER_BUSINESS = 1_000;

    /** How a webhook authenticates its deliveries: authType "Basic", "CustomHeader" or "None". */
    public record WebhookAuth(String authType, Optional<Credential> credential) {

        static WebhookAuth basic(String username, String password) {
            String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            return new WebhookAuth("Basic", Optional.of(new Credential("Authorization", "Basic " + token)));
        }

        static WebhookAuth header(String name, String value) {
            return new WebhookAuth("CustomHeader", Optional.of(new Credential(name, value)));
        }

        static WebhookAuth none() {
            return new WebhookAuth("None", Optional.empty());
        }
    }

    public record Webhook(String webhookId, String businessId, String url, List<String> eventTypes, boolean enabled,
            WebhookAuth auth, Instant createdAt) {

        /** The API's answer: the secret is never echoed. */
        Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("webhookID", webhookId);
            view.put("webhookURL", url);
            view.put("enabled", enabled);
            view.put("authType", auth.authType());
            view.put("businessID", businessId);
            view.put("eventTypes", eventTypes);
            return view;
        }

        boolean takes(String eventType) {
            return enabled && eventTypes.contains(eventType);
        }
    }

    /** A stored negotiation: its business and the data of its NegotiationCreatedV4 (read back by GET). */
    public record Negotiation(String negotiationId, String businessId, ObjectNode data, String jobStatus) {}

    private final Map<String, Webhook> webhooks = new LinkedHashMap<>();
    private final Map<String, Negotiation> negotiations = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> messages = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> reviews = new LinkedHashMap<>();
    private String lastNegotiation;

    public synchronized Webhook addWebhook(String businessId, String url, List<String> eventTypes, boolean enabled,
            WebhookAuth auth, Instant now) {
        Webhook webhook = new Webhook(SimIds.newId(), businessId, url, List.copyOf(eventTypes), enabled, auth, now);
        webhooks.put(webhook.webhookId(), webhook);
        return webhook;
    }

    /** The business's webhook, or 404 (also for another business's webhook ID). */
    public synchronized Webhook webhook(String businessId, String webhookId) {
        Webhook webhook = webhooks.get(webhookId);
        if (webhook == null || !webhook.businessId().equals(businessId)) {
            throw SimError.problem(404, "Not Found", "no webhook " + webhookId + " for business " + businessId);
        }
        return webhook;
    }

    public synchronized Webhook updateWebhook(String businessId, String webhookId, boolean enabled) {
        Webhook old = webhook(businessId, webhookId);
        Webhook updated = new Webhook(old.webhookId(), old.businessId(), old.url(), old.eventTypes(), enabled, old.auth(),
                old.createdAt());
        webhooks.put(webhookId, updated);
        return updated;
    }

    public synchronized Webhook updateWebhookAuth(String businessId, String webhookId, WebhookAuth auth) {
        Webhook old = webhook(businessId, webhookId);
        Webhook updated = new Webhook(old.webhookId(), old.businessId(), old.url(), old.eventTypes(), old.enabled(), auth,
                old.createdAt());
        webhooks.put(webhookId, updated);
        return updated;
    }

    public synchronized void deleteWebhook(String businessId, String webhookId) {
        webhooks.remove(webhook(businessId, webhookId).webhookId());
    }

    public synchronized List<Webhook> webhooks(String businessId) {
        return webhooks.values().stream().filter(w -> w.businessId().equals(businessId)).toList();
    }

    public synchronized List<Webhook> allWebhooks() {
        return List.copyOf(webhooks.values());
    }

    public synchronized Negotiation addNegotiation(String businessId, ObjectNode data) {
        String negotiationId = data.get("negotiationID").asText();
        Negotiation negotiation = new Negotiation(negotiationId, businessId, data.deepCopy(), null);
        negotiations.put(negotiationId, negotiation);
        lastNegotiation = negotiationId;
        if (negotiations.size() > MAX_NEGOTIATIONS) {
            String oldest = negotiations.keySet().iterator().next();
            negotiations.remove(oldest);
            messages.remove(oldest);
        }
        return copy(negotiation);
    }

    public synchronized Optional<Negotiation> negotiation(String negotiationId) {
        return Optional.ofNullable(negotiationId).map(negotiations::get).map(SimV4Data::copy);
    }

    /** The negotiation, or 404. */
    public Negotiation requireNegotiation(String negotiationId) {
        return negotiation(negotiationId)
                .orElseThrow(() -> SimError.problem(404, "Not Found", "no negotiation " + negotiationId));
    }

    /** Changes the stored negotiation's data (what GET /api/v4/negotiations/{id} answers from now on). */
    public synchronized Negotiation changeNegotiation(String negotiationId, Consumer<ObjectNode> change) {
        Negotiation old = negotiations.get(negotiationId);
        if (old == null) {
            throw SimError.notFound("no negotiation " + negotiationId);
        }
        ObjectNode data = old.data().deepCopy();
        change.accept(data);
        Negotiation changed = new Negotiation(old.negotiationId(), old.businessId(), data, old.jobStatus());
        negotiations.put(negotiationId, changed);
        return copy(changed);
    }

    public synchronized void setJobStatus(String negotiationId, String jobStatus) {
        Negotiation old = negotiations.get(negotiationId);
        negotiations.put(negotiationId, new Negotiation(old.negotiationId(), old.businessId(), old.data(), jobStatus));
    }

    public synchronized Optional<Negotiation> lastNegotiation() {
        return negotiation(lastNegotiation);
    }

    public synchronized List<Negotiation> negotiations() {
        List<Negotiation> all = new ArrayList<>();
        negotiations.values().forEach(n -> all.add(0, copy(n)));
        return all;
    }

    public synchronized void addMessage(String negotiationId, ObjectNode message) {
        List<ObjectNode> list = messages.computeIfAbsent(negotiationId, n -> new ArrayList<>());
        list.add(message.deepCopy());
        if (list.size() > MAX_MESSAGES_PER_NEGOTIATION) {
            list.remove(0);
        }
    }

    /** The negotiation's messages, newest first. */
    public synchronized List<ObjectNode> messages(String negotiationId) {
        List<ObjectNode> newestFirst = new ArrayList<>();
        messages.getOrDefault(negotiationId, List.of()).forEach(m -> newestFirst.add(0, m.deepCopy()));
        return newestFirst;
    }

    public synchronized void addReview(String businessId, ObjectNode review) {
        List<ObjectNode> list = reviews.computeIfAbsent(businessId, b -> new ArrayList<>());
        list.add(review.deepCopy());
        if (list.size() > MAX_REVIEWS_PER_BUSINESS) {
            list.remove(0);
        }
    }

    /** The business's reviews, newest first. */
    public synchronized List<ObjectNode> reviews(String businessId) {
        List<ObjectNode> newestFirst = new ArrayList<>();
        reviews.getOrDefault(businessId, List.of()).forEach(r -> newestFirst.add(0, r.deepCopy()));
        return newestFirst;
    }

    synchronized void reset() {
        webhooks.clear();
        negotiations.clear();
        messages.clear();
        reviews.clear();
        lastNegotiation = null;
    }

    private static Negotiation copy(Negotiation negotiation) {
        return new Negotiation(negotiation.negotiationId(), negotiation.businessId(), negotiation.data().deepCopy(),
                negotiation.jobStatus());
    }
}
