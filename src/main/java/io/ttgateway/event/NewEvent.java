package io.ttgateway.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ttgateway.common.JsonText;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An event to append: its type, business, lead and data (JSON text). Built only by the factory of its
 * kind below, so each kind carries one shape of data wherever it is written. Where the data is a
 * payload stored as received (a webhook's), the factory passes it through. Factories take plain values:
 * the writers' packages depend on this one, not the other way round.
 */
public final class NewEvent {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final EventType type;
    private final String businessId;
    private final String leadId;
    private final String data;

    private NewEvent(EventType type, String businessId, String leadId, String data) {
        this.type = Objects.requireNonNull(type, "type");
        this.businessId = businessId;
        this.leadId = leadId;
        this.data = data;
    }

    public EventType type() {
        return type;
    }

    public String businessId() {
        return businessId;
    }

    public String leadId() {
        return leadId;
    }

    public String data() {
        return data;
    }

    /** A legacy lead update webhook; its data is the update's payload as received. */
    public static NewEvent leadUpdated(String businessId, String leadId, String updatePayload) {
        return new NewEvent(EventType.LEAD_UPDATED, businessId, leadId, updatePayload);
    }

    /**
     * A v4 lead read back with new values: the legacy update's fields ({@code leadID, leadPrice,
     * chargeState}) plus {@code status}.
     */
    public static NewEvent leadChanged(String businessId, String leadId, String leadPrice, String chargeState,
            String status) {
        ObjectNode data = JSON.objectNode();
        data.put("leadID", leadId);
        data.put("leadPrice", leadPrice);
        data.put("chargeState", chargeState);
        data.put("status", status);
        return new NewEvent(EventType.LEAD_UPDATED, businessId, leadId, data.toString());
    }

    /**
     * A lead that arrived through Thumbtack's v4 API, with the fields the legacy lead webhook has; its
     * request's details and attachments as the JSON arrays the lead row keeps (the legacy webhook's
     * shapes: {@code [{"question", "answer"}]}, {@code [{"fileName", "fileSize", "mimeType", "url",
     * "description"}]}), written into the data as they are.
     */
    public record V4Lead(String leadId, Instant createdAt, String requestId, String category, String categoryId,
            String title, String description, String address1, String address2, String city, String state,
            String zipCode, String travelPreferences, String detailsJson, String attachmentsJson,
            String customerId, String customerName, String customerPhone, String businessId, String businessName,
            String price, String leadPrice, String chargeState, String status, String apiVersion) {}

    /**
     * A lead that arrived through v4: the legacy lead webhook's shape filled from the stored columns, plus
     * {@code apiVersion} and {@code status}, so that a feed reader handles leads of both APIs alike. (A
     * legacy lead's event carries no data: the feed reads the lead's stored payload.)
     */
    public static NewEvent leadReceived(V4Lead lead) {
        return new NewEvent(EventType.LEAD_RECEIVED, lead.businessId(), lead.leadId(), v4LeadData(lead));
    }

    /**
     * Written straight to text, not built as a tree first as the other kinds are: one is written for
     * every v4 lead, and the tree cost a map per object and a node per value.
     */
    private static String v4LeadData(V4Lead lead) {
        return JsonText.write(1024, json -> {
            json.writeStartObject();
            json.writeStringField("leadID", lead.leadId());
            json.writeStringField("createTimestamp", epochSeconds(lead.createdAt()));
            json.writeObjectFieldStart("request");
            json.writeStringField("requestID", lead.requestId());
            json.writeStringField("category", lead.category());
            json.writeStringField("categoryID", lead.categoryId());
            json.writeStringField("title", lead.title());
            json.writeStringField("description", lead.description());
            json.writeObjectFieldStart("location");
            json.writeStringField("address1", lead.address1());
            json.writeStringField("address2", lead.address2());
            json.writeStringField("city", lead.city());
            json.writeStringField("state", lead.state());
            json.writeStringField("zipCode", lead.zipCode());
            json.writeEndObject();
            json.writeStringField("travelPreferences", lead.travelPreferences());
            json.writeFieldName("details");
            json.writeRawValue(lead.detailsJson() == null ? "[]" : lead.detailsJson());
            json.writeFieldName("attachments");
            json.writeRawValue(lead.attachmentsJson() == null ? "[]" : lead.attachmentsJson());
            json.writeEndObject();
            json.writeObjectFieldStart("customer");
            json.writeStringField("customerID", lead.customerId());
            json.writeStringField("name", lead.customerName());
            json.writeStringField("phone", lead.customerPhone());
            json.writeEndObject();
            json.writeObjectFieldStart("business");
            json.writeStringField("businessID", lead.businessId());
            json.writeStringField("name", lead.businessName());
            json.writeEndObject();
            json.writeStringField("price", lead.price());
            json.writeStringField("leadPrice", lead.leadPrice());
            json.writeStringField("chargeState", lead.chargeState());
            json.writeStringField("status", lead.status());
            json.writeStringField("apiVersion", lead.apiVersion());
            json.writeEndObject();
        });
    }

    /**
     * A message that arrived through v4 ({@code from} is v4's Customer or Business); {@code attachments}
     * is v4's list as delivered.
     */
    public record V4Message(String leadId, String customerId, String businessId, String messageId, Instant createdAt,
            String text, JsonNode attachments, String from, String apiVersion) {}

    /** A customer's message that arrived through v4; its data as {@link #v4MessageData} builds it. */
    public static NewEvent messageReceived(V4Message m) {
        return messageReceived(m.businessId(), m.leadId(), v4MessageData(m));
    }

    /** A message the pro wrote in Thumbtack's app, delivered through v4; its data as {@link #v4MessageData} builds it. */
    public static NewEvent messageProSent(V4Message m) {
        return messageProSent(m.businessId(), m.leadId(), v4MessageData(m));
    }

    /** The legacy message webhook's shape (leadID, customerID, businessID, message), plus apiVersion and from. */
    private static String v4MessageData(V4Message m) {
        ObjectNode data = JSON.objectNode();
        data.put("leadID", m.leadId());
        data.put("customerID", m.customerId());
        data.put("businessID", m.businessId());
        ObjectNode message = data.putObject("message");
        message.put("messageID", m.messageId());
        message.put("createTimestamp", epochSeconds(m.createdAt()));
        message.put("text", m.text());
        message.set("attachments",
                m.attachments() != null && m.attachments().isArray() ? m.attachments().deepCopy() : JSON.arrayNode());
        data.put("from", m.from());
        data.put("apiVersion", m.apiVersion());
        return data.toString();
    }

    /** A review that arrived through v4; {@code reviewEventType} as the legacy review webhook names it. */
    public record V4Review(String reviewId, String businessId, String leadId, String categoryId, String rating,
            String text, String reviewerName, Instant createdAt, String reviewEventType, String apiVersion) {}

    /** A review that arrived through v4: the legacy review webhook's shape ({"review": {...}, "reviewEventType"}), plus apiVersion. */
    public static NewEvent reviewReceived(V4Review review) {
        ObjectNode data = JSON.objectNode();
        ObjectNode r = data.putObject("review");
        r.put("reviewID", review.reviewId());
        r.put("businessID", review.businessId());
        r.put("leadID", review.leadId());
        r.put("categoryID", review.categoryId());
        r.put("rating", review.rating());
        r.put("text", review.text());
        r.put("reviewerName", review.reviewerName());
        r.put("createTime", review.createdAt() == null ? null : Long.toString(review.createdAt().toEpochMilli()));
        r.putArray("photos");
        data.put("reviewEventType", review.reviewEventType());
        data.put("apiVersion", review.apiVersion());
        return reviewReceived(review.businessId(), review.leadId(), data.toString());
    }

    /** As the legacy payloads carry times: Unix seconds as text. */
    private static String epochSeconds(Instant instant) {
        return instant == null ? null : Long.toString(instant.getEpochSecond());
    }

    /** A customer's message; its data is the message in the legacy message webhook's shape. */
    public static NewEvent messageReceived(String businessId, String leadId, String messagePayload) {
        return new NewEvent(EventType.MESSAGE_RECEIVED, businessId, leadId, messagePayload);
    }

    /** A message the pro wrote in Thumbtack's app; its data is the message in the legacy message webhook's shape. */
    public static NewEvent messageProSent(String businessId, String leadId, String messagePayload) {
        return new NewEvent(EventType.MESSAGE_PRO_SENT, businessId, leadId, messagePayload);
    }

    /** A review; its data is the review in the legacy review webhook's shape. */
    public static NewEvent reviewReceived(String businessId, String leadId, String reviewPayload) {
        return new NewEvent(EventType.REVIEW_RECEIVED, businessId, leadId, reviewPayload);
    }

    /** A v4 delivery of a type the service does not read; its data is the delivery as received. */
    public static NewEvent webhookUnhandled(String businessId, String deliveryPayload) {
        return new NewEvent(EventType.WEBHOOK_UNHANDLED, businessId, null, deliveryPayload);
    }

    /** An outbound message Thumbtack accepted; {@code thumbtackMessageId} is null unless a v4 send answered one. */
    public static NewEvent messageSent(UUID outboundMessageId, String businessId, String leadId, int attempts,
            String thumbtackMessageId) {
        ObjectNode data = outboundMessage(outboundMessageId, businessId, leadId, "SENT", attempts, null);
        if (thumbtackMessageId != null) {
            data.put("thumbtackMessageId", thumbtackMessageId);
        }
        return new NewEvent(EventType.MESSAGE_SENT, businessId, leadId, data.toString());
    }

    /** An outbound message given up on, with the error that ended it. */
    public static NewEvent messageFailed(UUID outboundMessageId, String businessId, String leadId, int attempts,
            String lastError) {
        ObjectNode data = outboundMessage(outboundMessageId, businessId, leadId, "FAILED", attempts, lastError);
        return new NewEvent(EventType.MESSAGE_FAILED, businessId, leadId, data.toString());
    }

    /** The outbound message's fields as {@code GET /api/v1/outbound-messages/{id}} names them. */
    private static ObjectNode outboundMessage(UUID id, String businessId, String leadId, String status, int attempts,
            String lastError) {
        ObjectNode data = JSON.objectNode();
        data.put("outboundMessageId", id.toString());
        data.put("businessId", businessId);
        data.put("leadId", leadId);
        data.put("status", status);
        data.put("attempts", attempts);
        data.put("lastError", lastError);
        return data;
    }

    /** {@code reconnected}: the business was connected before (a reconnect, or a NEEDS_REAUTH one recovered). */
    public static NewEvent connectionConnected(String businessId, String status, String businessName,
            List<String> scopes, boolean reconnected) {
        ObjectNode data = connection(businessId, status);
        data.put("businessName", businessName);
        ArrayNode granted = data.putArray("scopes");
        scopes.forEach(granted::add);
        data.put("reconnected", reconnected);
        return new NewEvent(EventType.CONNECTION_CONNECTED, businessId, null, data.toString());
    }

    public static NewEvent connectionNeedsReauth(String businessId, String status, String reason) {
        ObjectNode data = connection(businessId, status);
        data.put("reason", reason);
        return new NewEvent(EventType.CONNECTION_NEEDS_REAUTH, businessId, null, data.toString());
    }

    /** The business now goes through API version {@code to}, no longer through {@code from} (wire names). */
    public static NewEvent connectionMigrated(String businessId, String status, String from, String to) {
        ObjectNode data = connection(businessId, status);
        data.put("from", from);
        data.put("to", to);
        return new NewEvent(EventType.CONNECTION_MIGRATED, businessId, null, data.toString());
    }

    public static NewEvent connectionDisconnected(String businessId, String status) {
        String data = connection(businessId, status).toString();
        return new NewEvent(EventType.CONNECTION_DISCONNECTED, businessId, null, data);
    }

    /** What every connection event carries; never a token. */
    private static ObjectNode connection(String businessId, String status) {
        ObjectNode data = JSON.objectNode();
        data.put("businessId", businessId);
        data.put("status", status);
        return data;
    }
}
