package io.ttgateway.webhook.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * POST /v4/webhooks: the envelope of every v4 delivery, {"event": {...}, "data": {...}}. data is read
 * further by the event type's own payload (V4NegotiationData, V4MessageData, V4ReviewData).
 */
@RegisterForReflection
public record V4Delivery(@NotNull @Valid Event event, @NotNull ObjectNode data) {

    public record Event(
            @NotBlank @Size(max = 128) String eventType,
            @Size(max = Ids.MAX_ID) String webhookID,
            String triggeredAt) {}

    /** The business the data names (data.business.businessID), or null when it names none. */
    public String namedBusiness() {
        JsonNode id = data.path("business").path("businessID");
        return id.isValueNode() && !id.isNull() ? id.asText() : null;
    }
}
