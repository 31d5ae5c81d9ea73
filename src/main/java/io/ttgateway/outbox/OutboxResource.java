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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Queue a message to a lead's customer; read its delivery state. */
@AnswerDeadline
@Path("/api/v1")
@RolesAllowed("partner")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Outbound messages")
public class OutboxResource {

    /** Body of a send request. */
    public record SendMessageRequest(String text) {}

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
    public Uni<Response> send(@PathParam("businessId") String businessId, @PathParam("leadId") String leadId,
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
    public Uni<OutboundView> get(@PathParam("id") String id) {
        return outbox.get(id);
    }
}
