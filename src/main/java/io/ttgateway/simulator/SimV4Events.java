package io.ttgateway.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.ttgateway.simulator.SimV4Data.Negotiation;
import io.ttgateway.simulator.SimV4Users.V4Business;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What happens at the simulated Thumbtack v4 on its own, for the control endpoints and the dashboard:
 * a new lead, a customer's message, the pro's own message typed in Thumbtack's app, a review; each is
 * stored (the API reads it back) and delivered to the business's webhooks. The answer names the event's
 * data and one outcome per webhook that took it (none registered: empty).
 */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class SimV4Events {

    private final SimV4Users users;
    private final SimV4Auth auth;
    private final SimV4Data data;
    private final SimV4Samples samples;
    private final SimV4Deliveries deliveries;
    private final SimClock clock;

    SimV4Events(SimV4Users users, SimV4Auth auth, SimV4Data data, SimV4Samples samples, SimV4Deliveries deliveries,
            SimClock clock) {
        this.users = users;
        this.auth = auth;
        this.data = data;
        this.samples = samples;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /**
     * A new lead (NegotiationCreatedV4) for the business (default: the first of the latest grant); with
     * {@code negotiationId}, that ID (to deliver a lead after its messages).
     */
    public Uni<Map<String, Object>> lead(Optional<String> businessId, Optional<String> negotiationId) {
        V4Business business = business(businessId);
        ObjectNode lead = samples.negotiation(business, clock.now());
        if (negotiationId.isPresent()) {
            if (data.negotiation(negotiationId.get()).isPresent()) {
                throw SimError.of(409, "conflict", "negotiation " + negotiationId.get() + " exists already");
            }
            lead.put("negotiationID", negotiationId.get());
        }
        Negotiation stored = data.addNegotiation(business.businessId(), lead);
        return delivered(business.businessId(), "NegotiationCreatedV4", stored.data());
    }

    /**
     * A message of the lead's customer (default lead: the last one); an unknown {@code negotiationId} is
     * sent as is for {@code businessId}, as a message may come before its lead.
     */
    public Uni<Map<String, Object>> customerMessage(Optional<String> negotiationId, Optional<String> businessId,
            Optional<String> text) {
        Negotiation on = negotiationOrUnknown(negotiationId, businessId);
        ObjectNode message = samples.customerMessage(on.data(), text, clock.now());
        data.addMessage(on.negotiationId(), message);
        return delivered(on.businessId(), "MessageCreatedV4", message);
    }

    /** A message the pro typed in Thumbtack's own app (from Business, never sent through the API). */
    public Uni<Map<String, Object>> proMessage(Optional<String> negotiationId, Optional<String> text) {
        Negotiation on = negotiation(negotiationId);
        ObjectNode message = samples.businessMessage(on.data(), text, clock.now());
        data.addMessage(on.negotiationId(), message);
        return delivered(on.businessId(), "MessageCreatedV4", message);
    }

    /** A review of the business, or of the lead's business and tied to the lead; also listed by the reviews API. */
    public Uni<Map<String, Object>> review(Optional<String> businessId, Optional<String> negotiationId) {
        Optional<Negotiation> of = negotiationId.map(this::requireNegotiation);
        String owner = of.map(Negotiation::businessId).orElseGet(() -> business(businessId).businessId());
        ObjectNode review = samples.review(of.map(Negotiation::data), clock.now());
        data.addReview(owner, review);
        return delivered(owner, "ReviewCreatedV4", review);
    }

    private Uni<Map<String, Object>> delivered(String businessId, String eventType, ObjectNode eventData) {
        return deliveries.deliver(businessId, eventType, eventData).map(sent -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("eventType", eventType);
            answer.put("businessID", businessId);
            answer.put("data", eventData);
            answer.put("deliveries", sent);
            return answer;
        });
    }

    private V4Business business(Optional<String> businessId) {
        if (businessId.isPresent()) {
            return users.business(businessId.get())
                    .orElseThrow(() -> SimError.notFound("no v4 business " + businessId.get()));
        }
        List<SimV4Auth.GrantView> grants = auth.grants();
        if (grants.isEmpty()) {
            throw SimError.badRequest("invalid_request", "no pro has connected through v4 yet: give businessId");
        }
        return users.business(grants.get(grants.size() - 1).businessIds().get(0)).orElseThrow();
    }

    private Negotiation negotiation(Optional<String> negotiationId) {
        return negotiationId.map(this::requireNegotiation).or(data::lastNegotiation)
                .orElseThrow(() -> SimError.badRequest("invalid_request", "no v4 lead yet: give negotiationId"));
    }

    private Negotiation negotiationOrUnknown(Optional<String> negotiationId, Optional<String> businessId) {
        if (negotiationId.isEmpty() || data.negotiation(negotiationId.get()).isPresent()) {
            return negotiation(negotiationId);
        }
        if (businessId.isEmpty()) {
            throw SimError.badRequest("invalid_request", "negotiation " + negotiationId.get()
                    + " is unknown: give businessId to send its message all the same");
        }
        ObjectNode unknown = samples.negotiation(business(businessId), clock.now());
        unknown.put("negotiationID", negotiationId.get());
        return new Negotiation(negotiationId.get(), businessId.get(), unknown, null);
    }

    private Negotiation requireNegotiation(String negotiationId) {
        return data.negotiation(negotiationId).orElseThrow(() -> SimError.notFound("no negotiation " + negotiationId));
    }
}
