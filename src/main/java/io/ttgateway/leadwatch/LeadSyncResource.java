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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reads a v4 lead at Thumbtack now and answers it as stored afterwards. */
@AnswerDeadline
@Path("/api/v1/leads/{leadId}/sync")
@RolesAllowed("partner")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Leads")
public class LeadSyncResource {

    private final LeadWatch watch;
    private final LeadReadService leads;

    LeadSyncResource(LeadWatch watch, LeadReadService leads) {
        this.watch = watch;
        this.leads = leads;
    }

    @POST
    public Uni<LeadView> sync(@PathParam("leadId") String leadId) {
        return watch.syncNow(leadId).chain(changed -> leads.one(leadId));
    }
}
