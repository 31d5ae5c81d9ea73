package io.ttgateway.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.properties.IfBuildProperty;
import io.ttgateway.simulator.SimV4Users.V4Business;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * v4 bodies made from the v4 samples (resources simulator/v4-*.json: the same files the tests read as
 * fixtures, see pom.xml) with fresh 18-digit IDs and current RFC 3339 timestamps.
 */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class SimV4Samples {

    /** What the self-serve "Test this webhook" lead carries (reference v4: Deliveries). */
    static final String TEST_CUSTOMER_FIRST = "Test";
    static final String TEST_CUSTOMER_LAST = "Customer";
    static final String TEST_CUSTOMER_PHONE = "1234567890";

    private final ObjectMapper json;
    private final ObjectNode negotiationCreated;
    private final ObjectNode negotiation;
    private final ObjectNode customerMessage;
    private final ObjectNode businessMessage;
    private final ObjectNode reviewCreated;

    SimV4Samples(ObjectMapper json) {
        this.json = json;
        this.negotiationCreated = SimSamples.load(json, "v4-negotiation-created.json");
        this.negotiation = SimSamples.load(json, "v4-negotiation.json");
        this.customerMessage = (ObjectNode) SimSamples.load(json, "v4-message-created-customer.json").get("data");
        this.businessMessage = (ObjectNode) SimSamples.load(json, "v4-message-created-business.json").get("data");
        this.reviewCreated = SimSamples.load(json, "v4-review-created.json");
    }

    /** A new negotiation (lead) of the business, in the data shape of NegotiationCreatedV4, with fresh IDs. */
    public ObjectNode negotiation(V4Business business, Instant now) {
        ObjectNode data = negotiation.deepCopy();
        String customerId = SimIds.newId();
        data.put("negotiationID", SimIds.newId());
        data.put("createdAt", time(now));
        ObjectNode owner = (ObjectNode) data.get("business");
        owner.put("businessID", business.businessId());
        owner.put("name", business.name());
        owner.put("imageURL", business.imageUrl());
        ((ObjectNode) data.get("customer")).put("customerID", customerId);
        ObjectNode request = (ObjectNode) data.get("request");
        request.put("requestID", SimIds.newId());
        request.put("customerID", customerId);
        return data;
    }

    /** As {@link #negotiation}, for "Test Customer", phone 1234567890, as Thumbtack's test leads are. */
    public ObjectNode testNegotiation(V4Business business, Instant now) {
        ObjectNode data = negotiation(business, now);
        ObjectNode customer = (ObjectNode) data.get("customer");
        customer.put("firstName", TEST_CUSTOMER_FIRST);
        customer.put("lastName", TEST_CUSTOMER_LAST);
        customer.put("phone", TEST_CUSTOMER_PHONE);
        return data;
    }

    /** A message the customer of the negotiation wrote (MessageCreatedV4 data, from Customer). */
    public ObjectNode customerMessage(ObjectNode negotiation, Optional<String> text, Instant now) {
        ObjectNode customer = (ObjectNode) negotiation.get("customer");
        return message(customerMessage, negotiation, "customer", "customerID", customer.get("customerID").asText(),
                customer.get("firstName").asText() + " " + customer.get("lastName").asText().charAt(0) + ".", text, now);
    }

    /** A message of the business (MessageCreatedV4 data, from Business): sent through the API or typed in the app. */
    public ObjectNode businessMessage(ObjectNode negotiation, Optional<String> text, Instant now) {
        ObjectNode business = (ObjectNode) negotiation.get("business");
        return message(businessMessage, negotiation, "business", "businessID", business.get("businessID").asText(),
                business.get("name").asText(), text, now);
    }

    /** The sample message with a fresh ID, on the negotiation, by its {@code side} (customer or business). */
    private static ObjectNode message(ObjectNode sample, ObjectNode negotiation, String side, String idField, String id,
            String displayName, Optional<String> text, Instant now) {
        ObjectNode data = sample.deepCopy();
        data.put("messageID", SimIds.newId());
        data.put("negotiationID", negotiation.get("negotiationID").asText());
        ((ObjectNode) data.get(side)).put(idField, id).put("displayName", displayName);
        text.ifPresent(t -> data.put("text", t));
        data.put("sentAt", time(now));
        return data;
    }

    /** A review (ReviewCreatedV4 data, which is also the reviews API's item), of a negotiation if given. */
    public ObjectNode review(Optional<ObjectNode> of, Instant now) {
        ObjectNode data = ((ObjectNode) reviewCreated.get("data")).deepCopy();
        data.put("reviewID", SimIds.newId());
        data.put("createTime", time(now));
        if (of.isPresent()) {
            data.put("negotiationID", of.get().get("negotiationID").asText());
            data.put("categoryID", of.get().get("request").get("category").get("categoryID").asText());
        } else {
            data.putNull("negotiationID");
            data.putNull("categoryID");
        }
        return data;
    }

    /** The envelope of every delivery: {"event": {eventType, description "", webhookID, triggeredAt}, "data"}. */
    public ObjectNode envelope(String eventType, String webhookId, Instant now, ObjectNode data) {
        ObjectNode envelope = json.createObjectNode();
        ObjectNode event = ((ObjectNode) negotiationCreated.get("event")).deepCopy();
        event.put("eventType", eventType);
        event.put("webhookID", webhookId);
        event.put("triggeredAt", time(now));
        envelope.set("event", event);
        envelope.set("data", data.deepCopy());
        return envelope;
    }

    /** RFC 3339 in UTC to the second, as Thumbtack's deliveries show. */
    static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
