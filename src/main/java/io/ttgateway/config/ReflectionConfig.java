package io.ttgateway.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.ttgateway.common.ApiError;
import io.ttgateway.outbox.OutboundView;
import io.ttgateway.thumbtack.DisconnectResponse;
import io.ttgateway.thumbtack.ThumbtackInfo;
import io.ttgateway.thumbtack.TokenResponse;
import io.ttgateway.webhook.payload.Attachment;
import io.ttgateway.webhook.payload.LeadPayload;
import io.ttgateway.webhook.payload.LeadUpdatePayload;
import io.ttgateway.webhook.payload.MessagePayload;
import io.ttgateway.webhook.payload.ReviewPayload;
import io.ttgateway.webhook.payload.V4Delivery;
import io.ttgateway.webhook.payload.V4MessageData;
import io.ttgateway.webhook.payload.V4NegotiationData;
import io.ttgateway.webhook.payload.V4ReviewData;

/**
 * Types Jackson reads or writes that Quarkus cannot see from REST method signatures, kept for the
 * native image. Quarkus registers the parameter and return types of REST resources and REST
 * clients by itself; it does not see a type that is only reached through
 * {@code ObjectMapper.treeToValue}, or that travels inside a {@code Response} entity or a Map.
 * Nested records (LeadPayload.Request, ApiError.FieldError, ...) are registered with their outer
 * class. Add a type here when it is (de)serialized that way; ReflectionConfigTest checks the
 * packages that must be covered.
 */
@RegisterForReflection(targets = {
    // Error body of every non-2xx answer, always sent inside a Response.
    ApiError.class,
    // Webhook bodies: read as a JSON tree first, then ObjectMapper.treeToValue (WebhookParser).
    LeadPayload.class,
    LeadUpdatePayload.class,
    MessagePayload.class,
    ReviewPayload.class,
    Attachment.class,
    V4Delivery.class,
    V4NegotiationData.class,
    V4MessageData.class,
    V4ReviewData.class,
    // The queued message, answered inside a 202 Response (OutboxResource.send).
    OutboundView.class,
    // Thumbtack's answers, read with ObjectMapper.readValue from the raw reply (ThumbtackApi).
    TokenResponse.class,
    ThumbtackInfo.class,
    DisconnectResponse.class,
})
public final class ReflectionConfig {

    private ReflectionConfig() {}
}
