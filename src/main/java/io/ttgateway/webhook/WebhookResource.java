package io.ttgateway.webhook;

import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.AnswerDeadline;
import io.ttgateway.lead.LeadIntake;
import io.ttgateway.message.MessageIntake;
import io.ttgateway.review.ReviewIntake;
import io.ttgateway.telemetry.Traces;
import io.ttgateway.webhook.payload.LeadPayload;
import io.ttgateway.webhook.payload.LeadUpdatePayload;
import io.ttgateway.webhook.payload.MessagePayload;
import io.ttgateway.webhook.payload.ReviewPayload;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Thumbtack's legacy webhooks (README, Webhooks). Each answer comes after the transaction committed;
 * a database failure surfaces as 503 through the error mappers, except a value the database refuses
 * for what it is ({@link RefusedValue}): that fails again on every redelivery, so it is a 400.
 */
@AnswerDeadline
@Path("/v1")
@RolesAllowed("thumbtack")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Thumbtack webhooks")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "413", ref = "PayloadTooLarge")
@APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class WebhookResource {

    private final WebhookParser parser;
    private final LeadIntake leads;
    private final MessageIntake messages;
    private final ReviewIntake reviews;
    private final WebhookMetrics metrics;

    WebhookResource(WebhookParser parser, LeadIntake leads, MessageIntake messages, ReviewIntake reviews,
            WebhookMetrics metrics) {
        this.parser = parser;
        this.leads = leads;
        this.messages = messages;
        this.reviews = reviews;
        this.metrics = metrics;
    }

    @POST
    @Path("/lead")
    @Operation(summary = "Receive a new lead from Thumbtack",
            description = "Stored (parsed, and raw as sent) before the answer; a repeated leadID is not stored twice.")
    @RequestBody(description = "A lead, as Thumbtack's reference describes it (Partner Endpoints, Leads).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "FreeFormObject"), examples = @ExampleObject(name = "leadWebhook",
                    ref = "LeadWebhook")))
    @APIResponse(responseCode = "200", ref = "WebhookStored")
    public Uni<Response> lead(String body) {
        return handle("lead", body, LeadPayload.class, leads::receiveLead);
    }

    @PUT
    @Path("/lead/update")
    @Operation(summary = "Receive a lead's price and charge state from Thumbtack",
            description = "Applied to the lead, or kept and applied when the lead arrives.")
    @RequestBody(description = "leadID, leadPrice and chargeState (a trailing comma is accepted).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "FreeFormObject"), examples = @ExampleObject(name = "leadUpdateWebhook",
                    ref = "LeadUpdateWebhook")))
    @APIResponse(responseCode = "200", ref = "WebhookStored")
    @APIResponse(responseCode = "202", ref = "WebhookLeadNotKnown")
    public Uni<Response> leadUpdate(String body) {
        return handle("lead_update", body, LeadUpdatePayload.class, leads::receiveUpdate);
    }

    @POST
    @Path("/message")
    @Operation(summary = "Receive a customer's message from Thumbtack",
            description = "Stored also before its lead is known; a repeated message.messageID is not stored twice.")
    @RequestBody(description = "A message, as Thumbtack's reference describes it (Partner Endpoints, Messages).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "FreeFormObject"), examples = @ExampleObject(name = "messageWebhook",
                    ref = "MessageWebhook")))
    @APIResponse(responseCode = "200", ref = "WebhookStored")
    @APIResponse(responseCode = "202", ref = "WebhookLeadNotKnown")
    public Uni<Response> message(String body) {
        return handle("message", body, MessagePayload.class, messages::receive);
    }

    @POST
    @Path("/review")
    @Operation(summary = "Receive a review from Thumbtack", description = "A repeated review.reviewID is not stored "
            + "twice.")
    @RequestBody(description = "A review, as Thumbtack's reference describes it (Partner Endpoints, Reviews).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "FreeFormObject"), examples = @ExampleObject(name = "reviewWebhook",
                    ref = "ReviewWebhook")))
    @APIResponse(responseCode = "200", ref = "WebhookStored")
    public Uni<Response> review(String body) {
        return handle("review", body, ReviewPayload.class, reviews::receive);
    }

    private <T> Uni<Response> handle(String type, String body, Class<T> payloadType,
            Function<Parsed<T>, Uni<Outcome>> store) {
        // The request's server span (a no-op one when tracing is off) gets the webhook's type, IDs and outcome.
        Span span = Span.current().setAttribute(Traces.WEBHOOK_TYPE, type);
        return Uni.createFrom().emitter(answer -> {
            Uni<Outcome> storing;
            try {
                Parsed<T> parsed = parser.parse(body, payloadType);
                Traces.identify(span, parsed.raw());
                storing = store.apply(parsed);
            } catch (RuntimeException invalid) {
                WebhookAnswer.settle(answer, metrics, span, type, null, invalid);
                return;
            }
            WebhookAnswer.when(storing, answer, metrics, span, type);
        });
    }
}
