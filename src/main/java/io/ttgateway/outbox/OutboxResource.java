package io.ttgateway.outbox;

import io.smallrye.mutiny.Uni;
import io.ttgateway.common.AnswerDeadline;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Queue a message to a lead's customer; read its delivery state. */
@AnswerDeadline
@Path("/api/v1")
@RolesAllowed("partner")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Outbound messages")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class OutboxResource {

    /** Body of a send request. */
    public record SendMessageRequest(@Schema(required = true, description = "The message to the "
            + "customer.") String text) {}

    private final OutboxService outbox;
    private final OutboxWorker worker;

    OutboxResource(OutboxService outbox, OutboxWorker worker) {
        this.outbox = outbox;
        this.worker = worker;
    }

    /** 202 with the queued message; a repeat with the same Idempotency-Key answers the first one. */
    @POST
    @Path("/businesses/{businessId}/leads/{leadId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue a message to a lead's customer",
            description = "Stored, then sent to Thumbtack by the outbox (retried with back-off on 5xx, 429, timeouts "
                    + "and network errors). With an Idempotency-Key a repeat answers the first message.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SendMessageRequest.class),
            examples = @ExampleObject(name = "sendMessageRequest", ref = "SendMessageRequest")))
    @APIResponse(responseCode = "202", description = "Queued (or the first message of this Idempotency-Key).",
            headers = @Header(name = "Location", description = "/api/v1/outbound-messages/{id}",
            schema = @Schema(type = SchemaType.STRING)), content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OutboundView.class),
            examples = @ExampleObject(name = "outboundMessage", ref = "OutboundMessage")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was already used with another lead or text.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiError"),
                    examples = @ExampleObject(name = "keyReused", ref = "IdempotencyKeyReused")))
    public Uni<Response> send(@PathParam("businessId") String businessId, @PathParam("leadId") String leadId,
            @Parameter(description = "Up to 255 characters; a repeat with the same key, lead and text answers the "
                    + "first message.")
            @HeaderParam("Idempotency-Key") String idempotencyKey, SendMessageRequest body) {
        return outbox.enqueue(businessId, leadId, body == null ? null : body.text(), idempotencyKey)
                .invoke(enqueued -> {
                    if (enqueued.created()) {
                        worker.wake();
                    }
                })
                // A literal path, as the contract shows it (Response.location would make it absolute).
                .map(enqueued -> Response.accepted(enqueued.message())
                        .header("Location", "/api/v1/outbound-messages/" + enqueued.message().id())
                        .build());
    }

    @GET
    @Path("/outbound-messages/{id}")
    @Operation(summary = "Read an outbound message's delivery state")
    @APIResponse(responseCode = "200", description = "The message: PENDING, SENT or FAILED, with its attempts and last "
            + "error.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OutboundView.class),
            examples = @ExampleObject(name = "outboundMessage", ref = "OutboundMessage")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<OutboundView> get(@PathParam("id") String id) {
        return outbox.get(id);
    }
}
