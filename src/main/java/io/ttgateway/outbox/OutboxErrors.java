package io.ttgateway.outbox;

import io.ttgateway.common.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The outbox's own error answers, in the service's {"error", "details"} shape. */
public class OutboxErrors {

    /** As Stripe answers a reused key: 422 naming the key and the message it already stands for. */
    @ServerExceptionMapper
    public Response idempotencyKeyReused(IdempotencyKeyReusedException e) {
        return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(e.getMessage(), List.of(new ApiError.FieldError("Idempotency-Key",
                        "already used for outbound message " + e.firstMessage()
                                + " with another lead or text; use a new key for a new message"))))
                .build();
    }
}
