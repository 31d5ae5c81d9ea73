package io.ttgateway.webhook;

import io.opentelemetry.api.trace.Span;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.AnswerDeadline;
import io.ttgateway.common.ApiError;
import io.ttgateway.common.ErrorMappers;
import io.ttgateway.lead.LeadIntake;
import io.ttgateway.message.V4MessageIntake;
import io.ttgateway.review.V4ReviewIntake;
import io.ttgateway.telemetry.Traces;
import io.ttgateway.webhook.payload.V4Delivery;
import io.ttgateway.webhook.payload.V4MessageData;
import io.ttgateway.webhook.payload.V4NegotiationData;
import io.ttgateway.webhook.payload.V4ReviewData;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Thumbtack v4's webhook deliveries (the contract's section 7): every event type of a business to one
 * URL, authenticated by the Basic credentials this service registered for that business's webhook
 * ({@link V4WebhookLogins}). As the legacy webhooks: answered after the transaction committed, 400
 * naming the field, 503 when not stored. A delivery whose data names another business than the
 * webhook's is refused (403) before anything is stored.
 */
@AnswerDeadline
@Path("/v4/webhooks")
@RolesAllowed(V4WebhookLogins.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Thumbtack webhooks")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "413", ref = "PayloadTooLarge")
@APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class V4WebhookResource {

    private final SecurityIdentity identity;
    private final WebhookParser parser;
    private final LeadIntake leads;
    private final V4MessageIntake messages;
    private final V4ReviewIntake reviews;
    private final V4UnhandledIntake unhandled;
    private final WebhookMetrics metrics;

    V4WebhookResource(SecurityIdentity identity, WebhookParser parser, LeadIntake leads, V4MessageIntake messages,
            V4ReviewIntake reviews, V4UnhandledIntake unhandled, WebhookMetrics metrics) {
        this.identity = identity;
        this.parser = parser;
        this.leads = leads;
        this.messages = messages;
        this.reviews = reviews;
        this.unhandled = unhandled;
        this.metrics = metrics;
    }

    @POST
    @Operation(summary = "Receive a Thumbtack v4 webhook delivery",
            description = "Authenticated by the Basic credentials the service registered for the business's webhook. "
                    + "NegotiationCreatedV4 (a lead), MessageCreatedV4 and ReviewCreatedV4 are stored as leads, "
                    + "messages and reviews; other event types are stored raw. Stored before the answer; repeats are "
                    + "not stored twice.")
    @RequestBody(description = "An event and its data: event.eventType, event.webhookID, event.triggeredAt; data as "
            + "the event type has it.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "FreeFormObject"), examples = @ExampleObject(name = "v4Delivery",
                    ref = "V4Delivery")))
    @APIResponse(responseCode = "200", ref = "WebhookStored")
    @APIResponse(responseCode = "403", ref = "ForbiddenBusiness")
    public Uni<Response> deliver(String body) {
        String businessId = identity.getAttribute(V4WebhookLogins.BUSINESS);
        // The request's server span (a no-op one when tracing is off): the delivery's type, IDs and outcome.
        Span span = Span.current().setAttribute(Traces.WEBHOOK_TYPE, V4EventKind.UNREAD)
                .setAttribute(Traces.BUSINESS_ID, businessId);
        return Uni.createFrom().emitter(answer -> {
            Parsed<V4Delivery> delivery;
            try {
                delivery = parser.parseV4(body);
            } catch (RuntimeException invalid) {
                WebhookAnswer.settle(answer, metrics, span, V4EventKind.UNREAD, null, invalid);
                return;
            }
            V4EventKind kind = V4EventKind.of(delivery.payload().event().eventType());
            span.setAttribute(Traces.WEBHOOK_TYPE, kind.label());
            Traces.identify(span, delivery.raw().path("data"));
            String named = delivery.payload().namedBusiness();
            if (named != null && !named.equals(businessId)) {
                metrics.forbidden(kind.label());
                answer.complete(ErrorMappers.json(Response.Status.FORBIDDEN,
                        ApiError.of("data.business.businessID is not the business of this webhook")));
                return;
            }
            Uni<Outcome> storing;
            try {
                storing = store(kind, delivery, businessId);
            } catch (RuntimeException invalid) {
                WebhookAnswer.settle(answer, metrics, span, kind.label(), null, invalid);
                return;
            }
            WebhookAnswer.when(storing, answer, metrics, span, kind.label());
        });
    }

    private Uni<Outcome> store(V4EventKind kind, Parsed<V4Delivery> delivery, String businessId) {
        switch (kind) {
            case NEGOTIATION_CREATED: {
                V4NegotiationData lead = parser.part(delivery.payload().data(), "data.", V4NegotiationData.class,
                        "invalid v4 negotiation");
                return leads.receiveV4Lead(delivery, lead, businessId);
            }
            case MESSAGE_CREATED: {
                V4MessageData message = parser.part(delivery.payload().data(), "data.", V4MessageData.class,
                        "invalid v4 message");
                return messages.receive(delivery, message, businessId);
            }
            case REVIEW_CREATED: {
                V4ReviewData review = parser.part(delivery.payload().data(), "data.", V4ReviewData.class,
                        "invalid v4 review");
                return reviews.store(businessId, review, delivery.rawJson(), delivery.rawText(),
                        delivery.payload().event().eventType()).map(stored -> stored ? Outcome.STORED : Outcome.DUPLICATE);
            }
            default:
                return unhandled.receive(delivery, businessId);
        }
    }
}
