package io.ttgateway.event;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
