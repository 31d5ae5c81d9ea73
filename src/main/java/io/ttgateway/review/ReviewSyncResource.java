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
public class ReviewSyncResource {

    private final ReviewSync sync;

    ReviewSyncResource(ReviewSync sync) {
        this.sync = sync;
    }

    @POST
    public Uni<Map<String, Object>> sync(@PathParam("businessId") String businessId) {
        return sync.sync(businessId).map(result -> Map.of("new", result.newReviews(), "seen", result.seen(),
                "invalid", result.invalid(), "complete", result.complete()));
    }
}
