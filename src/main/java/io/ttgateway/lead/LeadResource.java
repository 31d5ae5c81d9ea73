package io.ttgateway.lead;

import io.smallrye.mutiny.Uni;
import io.ttgateway.common.AnswerDeadline;
import io.ttgateway.common.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
@Path("/api/v1/leads")
@RolesAllowed("partner")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Leads")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class LeadResource {

    private final LeadReadService reads;

    LeadResource(LeadReadService reads) {
        this.reads = reads;
    }

    /** Newest first; pass nextCursor back as cursor for the next page. */
    @GET
    @Operation(summary = "List leads, newest first",
            description = "A page of leads without their messages; pass nextCursor back as cursor for the next page "
                    + "(null on the last).")
    @APIResponse(responseCode = "200", description = "A page of leads.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "LeadPage"),
            examples = @ExampleObject(name = "leadPage", ref = "LeadPage")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<Page<LeadView>> list(
            @Parameter(description = "Only this business's leads.") @QueryParam("businessId") String businessId,
            @Parameter(description = "Page size, 1 to 200 (default 50).") @QueryParam("limit") Integer limit,
            @Parameter(description = "The nextCursor of the previous page.") @QueryParam("cursor") String cursor) {
        return reads.page(businessId, limit, cursor);
    }

    @GET
    @Path("/{leadId}")
    @Operation(summary = "Read a lead with its conversation",
            description = "The lead with its request, customer, business, price and charge state, and its messages in "
                    + "and out, in order.")
    @APIResponse(responseCode = "200", description = "The lead.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class),
            examples = @ExampleObject(name = "lead", ref = "Lead")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<LeadView> one(@PathParam("leadId") String leadId) {
        return reads.one(leadId);
    }
}
