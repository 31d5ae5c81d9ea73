package io.ttgateway.webhook.payload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;

/**
 * POST /v4/webhooks: the envelope of every v4 delivery, {"event": {...}, "data": {...}}. data is read
 * further by the event type's own payload (V4NegotiationData, V4MessageData, V4ReviewData); it is the
 * received tree's own node, not a copy.
 */
@RegisterForReflection
public record V4Delivery(Event event, ObjectNode data) {

    public record Event(
            @NotBlank @Size(max = 128) String eventType,
            @Size(max = Ids.MAX_ID) String webhookID,
            String triggeredAt) {}

    /**
     * What is bound and validated of a delivery: the event, and that data is an object. Binding data
     * itself would copy the whole subtree (Jackson builds a new node for a JsonNode property even when
     * it reads from a tree), so it is only checked here and taken from the tree by {@link #of}.
     */
    public record Envelope(@NotNull @Valid Event event, @NotNull @JsonDeserialize(using = AnObject.class) Boolean data) {}

    /** The delivery of a bound envelope and the tree it was bound from. */
    public static V4Delivery of(Envelope envelope, JsonNode raw) {
        return new V4Delivery(envelope.event(), (ObjectNode) raw.get("data"));
    }

    /** The business the data names (data.business.businessID), or null when it names none. */
    public String namedBusiness() {
        JsonNode id = data.path("business").path("businessID");
        return id.isValueNode() && !id.isNull() ? id.asText() : null;
    }

    /** true for an object (skipped, not read); any other value is the wrong type for data. */
    public static final class AnObject extends JsonDeserializer<Boolean> {

        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.START_OBJECT)) {
                return (Boolean) context.handleUnexpectedToken(ObjectNode.class, parser);
            }
            parser.skipChildren();
            return Boolean.TRUE;
        }
    }
}
