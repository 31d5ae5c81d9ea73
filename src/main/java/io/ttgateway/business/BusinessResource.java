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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Partner calls that go straight through to Thumbtack for one business. */
@AnswerDeadline
@Path("/api/v1")
@RolesAllowed("partner")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Thumbtack calls")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "404", ref = "NotFound")
@APIResponse(responseCode = "409", ref = "Conflict")
@APIResponse(responseCode = "502", ref = "BadGateway")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
@APIResponse(responseCode = "504", ref = "GatewayTimeout")
public class BusinessResource {

    public record TargetingRequest(@Schema(required = true) Boolean enabled) {}

    public record CreateLeadRequest(@Schema(description = "The business to create the lead for; Thumbtack creates a "
            + "dummy one when absent (legacy).") String businessId) {}

    /** One of the six v4 job statuses by its wire name ("appt_scheduled", ...). */
    public record JobStatusRequest(@Schema(required = true, description = "A v4 job status by its wire name, e.g. "
            + "appt_scheduled.") String status) {}

    private final BusinessCalls calls;

    BusinessResource(BusinessCalls calls) {
        this.calls = calls;
    }

    @PATCH
    @Path("/businesses/{businessId}/services/{serviceId}/targeting")
    @Operation(summary = "Turn a service's targeting on or off at Thumbtack",
            description = "PATCH {api}/v3/accounts/~/services/{serviceId}/preferences/targeting with the business's "
                    + "token (scope targeting).")
    @RequestBody(ref = "Targeting")
    @APIResponse(responseCode = "200", ref = "ThumbtackTargetingAnswer")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<JsonNode> serviceTargeting(@PathParam("businessId") String businessId,
            @PathParam("serviceId") String serviceId, TargetingRequest body) {
        return calls.setTargeting(businessId, serviceId, null, body == null ? null : body.enabled());
    }

    @PATCH
    @Path("/businesses/{businessId}/services/{serviceId}/categories/{categoryId}/targeting")
    @Operation(summary = "Turn a category's targeting on or off at Thumbtack",
            description = "The category variant of the service targeting call.")
    @RequestBody(ref = "Targeting")
    @APIResponse(responseCode = "200", ref = "ThumbtackTargetingAnswer")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<JsonNode> categoryTargeting(@PathParam("businessId") String businessId,
            @PathParam("serviceId") String serviceId, @PathParam("categoryId") String categoryId,
            TargetingRequest body) {
        return calls.setTargeting(businessId, serviceId, categoryId, body == null ? null : body.enabled());
    }

    @GET
    @Path("/businesses/{businessId}/thumbtack-info")
    @Operation(summary = "Read the business's get-thumbtack-info live from Thumbtack")
    @APIResponse(responseCode = "200", description = "Thumbtack's answer.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ThumbtackInfo.class),
            examples = @ExampleObject(name = "info", ref = "ThumbtackInfo")))
    public Uni<ThumbtackInfo> thumbtackInfo(@PathParam("businessId") String businessId) {
        return calls.thumbtackInfo(businessId);
    }

    /** v4 connections only: the job status of a lead (negotiation) at Thumbtack. */
    @POST
    @Path("/businesses/{businessId}/leads/{leadId}/job-status")
    @Operation(summary = "Set a v4 lead's job status at Thumbtack",
            description = "v4 connections only; a legacy connection answers 409.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = JobStatusRequest.class),
            examples = @ExampleObject(name = "scheduled", ref = "JobStatusRequest")))
    @APIResponse(responseCode = "200", description = "The status Thumbtack now has.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BusinessCalls.JobStatusSet.class),
            examples = @ExampleObject(name = "set", ref = "JobStatusSet")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<BusinessCalls.JobStatusSet> jobStatus(@PathParam("businessId") String businessId,
            @PathParam("leadId") String leadId, JobStatusRequest body) {
        return calls.setJobStatus(businessId, leadId, body == null ? null : body.status());
    }

    /** Staging only (legacy: Thumbtack creates a dummy business and lead and answers the lead); a v4 business gets Thumbtack's test negotiation. */
    @POST
    @Path("/test/create-lead")
    @Operation(summary = "Create a test lead at Thumbtack (staging)",
            description = "Legacy: POST {api}/v1/test/create-lead with the v1 credentials (409 when they are not set); "
                    + "a v4 business gets Thumbtack's test negotiation. Thumbtack then delivers the lead's webhook.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreateLeadRequest.class),
            examples = @ExampleObject(name = "forBusiness", ref = "CreateLeadRequest")))
    @APIResponse(responseCode = "200", description = "Thumbtack's lead, passed through.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "FreeFormObject"),
            examples = @ExampleObject(name = "lead", ref = "TestLead")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<JsonNode> createTestLead(CreateLeadRequest body) {
        return calls.createTestLead(body == null ? null : body.businessId());
    }
}
