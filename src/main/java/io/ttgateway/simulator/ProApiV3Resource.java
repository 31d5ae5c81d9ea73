package io.ttgateway.simulator;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.ttgateway.simulator.ActivityLog.TargetingChange;
import io.ttgateway.simulator.SimFaults.Operation;
import io.ttgateway.simulator.SimOAuth.Access;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The simulated targeting endpoints (reference: Targeting Endpoints). As the reference says, the service
 * ID is the business's own ID and the account is "~". Its error codes: 400 for a non-numeric service or
 * category ID or a missing/invalid body, 401 for a bad token or another business's service ID, 404 for a
 * category the business does not have.
 */
@Path("/simulator/pro-api/v3/accounts/{accountId}/services/{serviceId}")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class ProApiV3Resource {

    private final SimOAuth oauth;
    private final SimBodies bodies;
    private final SimBusinesses businesses;
    private final SimFaults faults;
    private final ActivityLog log;
    private final SimClock clock;

    ProApiV3Resource(SimOAuth oauth, SimBodies bodies, SimBusinesses businesses, SimFaults faults, ActivityLog log,
            SimClock clock) {
        this.oauth = oauth;
        this.bodies = bodies;
        this.businesses = businesses;
        this.faults = faults;
        this.log = log;
        this.clock = clock;
    }

    @PATCH
    @Path("/preferences/targeting")
    public Uni<Response> service(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @PathParam("accountId") String accountId,
            @PathParam("serviceId") String serviceId, String body) {
        return faults.apply(Operation.TARGETING, () -> change(authorization, contentType, accountId, serviceId, null, body));
    }

    @PATCH
    @Path("/categories/{categoryId}/preferences/targeting")
    public Uni<Response> category(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @PathParam("accountId") String accountId,
            @PathParam("serviceId") String serviceId, @PathParam("categoryId") String categoryId, String body) {
        return faults.apply(Operation.TARGETING,
                () -> change(authorization, contentType, accountId, serviceId, categoryId, body));
    }

    private Response change(String authorization, String contentType, String accountId, String serviceId,
            String categoryId, String body) {
        Access access = oauth.authorize(authorization);
        if (!SimBodies.isId(serviceId)) {
            throw SimError.badRequest("invalid_request", "invalid ServiceID type");
        }
        if (categoryId != null && !SimBodies.isId(categoryId)) {
            throw SimError.badRequest("invalid_request", "invalid CategoryID type");
        }
        if (!"~".equals(accountId)) {
            throw SimError.notFound("unknown account; pass ~");
        }
        if (!serviceId.equals(access.businessId())) {
            throw SimError.of(401, "invalid_token", "invalid ServiceID for this access token");
        }
        if (!access.scopes().contains("targeting")) {
            throw SimError.of(403, "insufficient_scope", "the access token lacks the targeting scope");
        }
        if (categoryId != null && !businesses.categoriesOf(serviceId).contains(categoryId)) {
            throw SimError.notFound("invalid CategoryID");
        }
        boolean enabled = bodies.enabled(contentType, body);
        log.add(new TargetingChange(clock.now(), serviceId, serviceId, categoryId, enabled));
        return Response.ok(Map.of("status", "success")).build();
    }
}
