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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@AnswerDeadline
@Path("/api/v1/leads")
@RolesAllowed("partner")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Leads")
public class LeadResource {

    private final LeadReadService reads;

    LeadResource(LeadReadService reads) {
        this.reads = reads;
    }

    /** Newest first; pass nextCursor back as cursor for the next page. */
    @GET
    public Uni<Page<LeadView>> list(@QueryParam("businessId") String businessId,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return reads.page(businessId, limit, cursor);
    }

    @GET
    @Path("/{leadId}")
    public Uni<LeadView> one(@PathParam("leadId") String leadId) {
        return reads.one(leadId);
    }
}
