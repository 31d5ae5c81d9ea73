package io.ttgateway.review;

import io.smallrye.mutiny.Uni;
import io.ttgateway.common.AnswerDeadline;
import io.ttgateway.common.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@AnswerDeadline
@Path("/api/v1/reviews")
@RolesAllowed("partner")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class ReviewResource {

    private final ReviewReadService reads;

    ReviewResource(ReviewReadService reads) {
        this.reads = reads;
    }

    /** Newest first; pass nextCursor back as cursor for the next page. */
    @GET
    @Operation(summary = "List reviews, newest first",
            description = "Pass nextCursor back as cursor for the next page (null on the last).")
    @APIResponse(responseCode = "200", description = "A page of reviews.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ReviewPage"),
            examples = @ExampleObject(name = "reviewPage", ref = "ReviewPage")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<Page<ReviewView>> list(
            @Parameter(description = "Only this business's reviews.") @QueryParam("businessId") String businessId,
            @Parameter(description = "Page size, 1 to 200 (default 50).") @QueryParam("limit") Integer limit,
            @Parameter(description = "The nextCursor of the previous page.") @QueryParam("cursor") String cursor) {
        return reads.page(businessId, limit, cursor);
    }
}
