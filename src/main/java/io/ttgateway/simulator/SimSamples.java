package io.ttgateway.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.properties.IfBuildProperty;
import io.ttgateway.simulator.SimBusinesses.Business;
import io.ttgateway.simulator.SimBusinesses.Lead;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Webhook bodies and create-lead answers made from the reference's samples (resources simulator/*.json,
 * the tests' fixtures, unchanged from the reference) with fresh 18-digit IDs and current timestamps.
 */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class SimSamples {

    /** A payload and the lead it is about. */
    public record Sample(Lead lead, ObjectNode payload) {}

    static final String PAINTING_BUSINESS = "Tim's Painting Business";
    static final String CLEANING_BUSINESS = "Mr. Clean's Sparkly Cleaning Service";
    static final String HOUSE_CLEANING_CATEGORY = SimBusinesses.SAMPLE_CATEGORIES.get(2);

    private final ObjectNode lead;
    private final ObjectNode message;
    private final ObjectNode leadUpdate;
    private final ObjectNode review;
    private final ObjectNode createdLead;

    SimSamples(ObjectMapper json) {
        this.lead = load(json, "lead.json");
        this.message = load(json, "message.json");
        this.leadUpdate = load(json, "lead-update.json");
        this.review = load(json, "review.json");
        this.createdLead = load(json, "create-lead-response.json");
    }

    /** The sample lead (Partner Endpoints, Leads) for this business, with fresh lead, request and customer IDs. */
    public Sample lead(Business business, Instant now) {
        ObjectNode payload = lead.deepCopy();
        Lead fresh = fill(payload, business, now);
        return new Sample(fresh, payload);
    }

    /** The answer of POST /v1/test/create-lead (Development Guide, Create Test Data) with fresh IDs. */
    public Sample createdLead(Business business, Instant now) {
        ObjectNode answer = createdLead.deepCopy();
        Lead fresh = fill(answer, business, now);
        Lead withCategory = new Lead(fresh.leadId(), fresh.requestId(), fresh.businessId(), fresh.businessName(),
                fresh.customerId(), fresh.customerName(), fresh.category(), HOUSE_CLEANING_CATEGORY, fresh.createdAt());
        return new Sample(withCategory, answer);
    }

    /**
     * The created lead as Thumbtack delivers it to /v1/lead: the create-lead answer plus the fields the
     * lead webhook requires (categoryID) and its lead type. REQUEST_A_QUOTE needs no street address.
     */
    public ObjectNode createdLeadWebhook(Sample created) {
        ObjectNode payload = created.payload().deepCopy();
        ((ObjectNode) payload.get("request")).put("categoryID", created.lead().categoryId());
        payload.put("leadType", "REQUEST_A_QUOTE");
        payload.putNull("leadPrice");
        payload.putNull("chargeState");
        return payload;
    }

    /** The sample customer message (Partner Endpoints, Messages) on this lead, with a fresh message ID. */
    public ObjectNode message(Lead on, Optional<String> text, Instant now) {
        ObjectNode payload = message.deepCopy();
        payload.put("leadID", on.leadId());
        payload.put("customerID", on.customerId());
        payload.put("businessID", on.businessId());
        ObjectNode body = (ObjectNode) payload.get("message");
        body.put("messageID", SimIds.newId());
        body.put("createTimestamp", String.valueOf(now.getEpochSecond()));
        text.ifPresent(t -> body.put("text", t));
        return payload;
    }

    /** The sample lead update (Partner Endpoints, Update Lead) for this lead: "$26.00", "Charged". */
    public ObjectNode leadUpdate(String leadId) {
        ObjectNode payload = leadUpdate.deepCopy();
        payload.put("leadID", leadId);
        return payload;
    }

    /**
     * The sample review (Partner Endpoints, Reviews) with a fresh review ID. With a lead it is verified and
     * names the lead and its category; without, the fields the reference sends only for verified reviews go.
     */
    public ObjectNode review(Business business, Optional<Lead> of, Instant now) {
        ObjectNode payload = review.deepCopy();
        ObjectNode body = (ObjectNode) payload.get("review");
        body.put("reviewID", SimIds.newId());
        body.put("businessID", business.businessId());
        body.put("createTime", String.valueOf(now.toEpochMilli()));
        body.put("modifyTime", String.valueOf(now.toEpochMilli()));
        if (of.isPresent()) {
            body.put("leadID", of.get().leadId());
            body.put("categoryID", of.get().categoryId());
        } else {
            body.remove(List.of("leadID", "categoryID", "text", "photos"));
            body.put("verified", false);
        }
        return payload;
    }

    /** A lead the simulator never delivered: fresh IDs throughout (the service answers 202 to its messages). */
    public Lead unknownLead(String leadId, Instant now) {
        return new Lead(leadId, SimIds.newId(), SimIds.newId(), PAINTING_BUSINESS, SimIds.newId(), "John Davis",
                "Interior Painting", SimBusinesses.SAMPLE_CATEGORIES.get(0), now);
    }

    private static Lead fill(ObjectNode payload, Business business, Instant now) {
        String leadId = SimIds.newId();
        String requestId = SimIds.newId();
        String customerId = SimIds.newId();
        payload.put("leadID", leadId);
        payload.put("createTimestamp", String.valueOf(now.getEpochSecond()));
        ObjectNode request = (ObjectNode) payload.get("request");
        request.put("requestID", requestId);
        ObjectNode customer = (ObjectNode) payload.get("customer");
        customer.put("customerID", customerId);
        ObjectNode owner = (ObjectNode) payload.get("business");
        owner.put("businessID", business.businessId());
        owner.put("name", business.name());
        String categoryId = request.has("categoryID") ? request.get("categoryID").asText() : null;
        return new Lead(leadId, requestId, business.businessId(), business.name(), customerId,
                customer.get("name").asText(), request.get("category").asText(), categoryId, now);
    }

    /** One of the samples under resources simulator/: the tests' fixtures, put there by the build (pom.xml). */
    static ObjectNode load(ObjectMapper json, String name) {
        try (InputStream in = SimSamples.class.getResourceAsStream("/simulator/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource simulator/" + name);
            }
            return (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
