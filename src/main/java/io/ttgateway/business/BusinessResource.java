package io.ttgateway.business;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.AnswerDeadline;
import io.ttgateway.thumbtack.ThumbtackInfo;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Partner calls that go straight through to Thumbtack for one business. */
@AnswerDeadline
@Path("/api/v1")
@RolesAllowed("partner")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Thumbtack calls")
public class BusinessResource {

    public record TargetingRequest(Boolean enabled) {}

    public record CreateLeadRequest(String businessId) {}

    /** One of the six v4 job statuses by its wire name ("appt_scheduled", ...). */
    public record JobStatusRequest(String status) {}

    private final BusinessCalls calls;

    BusinessResource(BusinessCalls calls) {
        this.calls = calls;
    }

    @PATCH
    @Path("/businesses/{businessId}/services/{serviceId}/targeting")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<JsonNode> serviceTargeting(@PathParam("businessId") String businessId,
            @PathParam("serviceId") String serviceId, TargetingRequest body) {
        return calls.setTargeting(businessId, serviceId, null, body == null ? null : body.enabled());
    }

    @PATCH
    @Path("/businesses/{businessId}/services/{serviceId}/categories/{categoryId}/targeting")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<JsonNode> categoryTargeting(@PathParam("businessId") String businessId,
            @PathParam("serviceId") String serviceId, @PathParam("categoryId") String categoryId,
            TargetingRequest body) {
        return calls.setTargeting(businessId, serviceId, categoryId, body == null ? null : body.enabled());
    }

    @GET
    @Path("/businesses/{businessId}/thumbtack-info")
    public Uni<ThumbtackInfo> thumbtackInfo(@PathParam("businessId") String businessId) {
        return calls.thumbtackInfo(businessId);
    }

    /** v4 connections only: the job status of a lead (negotiation) at Thumbtack. */
    @POST
    @Path("/businesses/{businessId}/leads/{leadId}/job-status")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<BusinessCalls.JobStatusSet> jobStatus(@PathParam("businessId") String businessId,
            @PathParam("leadId") String leadId, JobStatusRequest body) {
        return calls.setJobStatus(businessId, leadId, body == null ? null : body.status());
    }

    /** Staging only (legacy: Thumbtack creates a dummy business and lead and answers the lead); a v4 business gets Thumbtack's test negotiation. */
    @POST
    @Path("/test/create-lead")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<JsonNode> createTestLead(CreateLeadRequest body) {
        return calls.createTestLead(body == null ? null : body.businessId());
    }
}
