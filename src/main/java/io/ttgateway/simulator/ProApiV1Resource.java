package io.ttgateway.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.ttgateway.simulator.ActivityLog.ReceivedMessage;
import io.ttgateway.simulator.SimBusinesses.Business;
import io.ttgateway.simulator.SimFaults.Operation;
import io.ttgateway.simulator.SimSamples.Sample;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated pro-api's /v1 endpoints, authenticated with the partner's v1 username and password:
 * send-message (reference: Thumbtack Endpoints, Messages) and the staging-only create-lead
 * (Development Guide, Create Test Data), which also delivers the new lead to the service as a webhook.
 */
@Path("/simulator/pro-api/v1")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class ProApiV1Resource {

    private final SimClients clients;
    private final SimBodies bodies;
    private final SimFaults faults;
    private final SimBusinesses businesses;
    private final SimSamples samples;
    private final SimWebhooks webhooks;
    private final SimulatorConfig config;
    private final ActivityLog log;
    private final SimClock clock;

    ProApiV1Resource(SimClients clients, SimBodies bodies, SimFaults faults, SimBusinesses businesses,
            SimSamples samples, SimWebhooks webhooks, SimulatorConfig config, ActivityLog log, SimClock clock) {
        this.clients = clients;
        this.bodies = bodies;
        this.faults = faults;
        this.businesses = businesses;
        this.samples = samples;
        this.webhooks = webhooks;
        this.config = config;
        this.log = log;
        this.clock = clock;
    }

    @POST
    @Path("/business/{businessId}/lead/{leadId}/message")
    public Uni<Response> message(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @PathParam("businessId") String businessId,
            @PathParam("leadId") String leadId, String body) {
        return faults.apply(Operation.MESSAGE, businessId, () -> {
            clients.requireV1(authorization);
            String text = bodies.text(contentType, body);
            log.add(new ReceivedMessage(clock.now(), "v1", businessId, leadId, text));
            return Response.ok(Map.of("status", "success")).build();
        });
    }

    @POST
    @Path("/test/create-lead")
    public Uni<Response> createLead(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context HttpServerRequest request,
            String body) {
        return faults.apply(Operation.CREATE_LEAD, () -> {
            clients.requireV1(authorization);
            Optional<String> businessId = bodies.object(contentType, body, true).flatMap(ProApiV1Resource::businessId);
            // "Calling this endpoint will create a dummy business and lead" unless a business is named.
            Business business = businesses.withId(businessId.orElseGet(SimIds::newId), SimSamples.CLEANING_BUSINESS);
            Sample created = samples.createdLead(business, clock.now());
            businesses.addLead(created.lead());
            if (config.deliverCreatedLeads()) {
                webhooks.createdLead(created, webhooks.target(request)).subscribe().with(sent -> { });
            }
            return Response.ok(created.payload()).build();
        });
    }

    /** businessID as a string or, as in the reference's sample request, an unquoted number. */
    private static Optional<String> businessId(JsonNode body) {
        JsonNode id = body.get("businessID");
        if (id == null || id.isNull()) {
            return Optional.empty();
        }
        String value = id.isTextual() || id.isIntegralNumber() ? id.asText() : null;
        if (!SimBodies.isId(value)) {
            throw SimError.badRequest("invalid_request", "invalid body: businessID must be a numeric ID");
        }
        return Optional.of(value);
    }
}
