package io.ttgateway.leadwatch;

import io.smallrye.mutiny.Uni;
import io.ttgateway.common.AnswerDeadline;
import io.ttgateway.lead.LeadReadService;
import io.ttgateway.lead.LeadView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reads a v4 lead at Thumbtack now and answers it as stored afterwards. */
@AnswerDeadline
@Path("/api/v1/leads/{leadId}/sync")
@RolesAllowed("partner")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Leads")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class LeadSyncResource {

    private final LeadWatch watch;
    private final LeadReadService leads;

    LeadSyncResource(LeadWatch watch, LeadReadService leads) {
        this.watch = watch;
        this.leads = leads;
    }

    @POST
    @Operation(summary = "Read a v4 lead at Thumbtack now",
            description = "Stores what changed (price, charge state, status; event lead.updated) and answers the lead "
                    + "as stored afterwards. v4 leads only.")
    @APIResponse(responseCode = "200", description = "The lead as stored after the read.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class),
            examples = @ExampleObject(name = "lead", ref = "Lead")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "502", ref = "BadGateway")
    @APIResponse(responseCode = "504", ref = "GatewayTimeout")
    public Uni<LeadView> sync(@PathParam("leadId") String leadId) {
        return watch.syncNow(leadId).chain(changed -> leads.one(leadId));
    }
}
