package io.ttgateway.review;

import io.smallrye.mutiny.Uni;
import io.ttgateway.common.AnswerDeadline;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * POST /api/v1/businesses/{b}/reviews/sync: reads a v4 business's reviews from Thumbtack and stores the
 * new ones. 200 {"new", "seen", "invalid", "complete"}; 404 unknown business; 409 legacy or not
 * connected; 502/504 when Thumbtack refuses or does not answer.
 */
@AnswerDeadline
@Path("/api/v1/businesses/{businessId}/reviews/sync")
@RolesAllowed("partner")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class ReviewSyncResource {

    private final ReviewSync sync;

    ReviewSyncResource(ReviewSync sync) {
        this.sync = sync;
    }

    @POST
    @Operation(summary = "Read a v4 business's reviews from Thumbtack now",
            description = "Stores the reviews not stored yet (event review.received for each). v4 connections only.")
    @APIResponse(responseCode = "200", description = "What was read and stored.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ReviewSyncResult"),
            examples = @ExampleObject(name = "reviewSync", ref = "ReviewSync")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "502", ref = "BadGateway")
    @APIResponse(responseCode = "504", ref = "GatewayTimeout")
    public Uni<Map<String, Object>> sync(@PathParam("businessId") String businessId) {
        return sync.sync(businessId).map(result -> Map.of("new", result.newReviews(), "seen", result.seen(),
                "invalid", result.invalid(), "complete", result.complete()));
    }
}
