package io.ttgateway.simulator;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.ttgateway.simulator.ActivityLog.ReceivedMessage;
import io.ttgateway.simulator.ActivityLog.SentWebhook;
import io.ttgateway.simulator.SimFaults.Fault;
import io.ttgateway.simulator.SimFaults.Operation;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives the simulated Thumbtack (dev and test only): deliver webhooks to the service, shape the next
 * answers (a null refresh, expired tokens, injected failures, a later clock) and read what it received.
 * A delivery answers what was sent and the service's status; 502 when the service did not answer.
 */
@Path("/simulator/control")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class ControlResource {

    private final SimWebhooks webhooks;
    private final SimOAuth oauth;
    private final SimFaults faults;
    private final SimClock clock;
    private final ActivityLog log;
    private final SimBusinesses businesses;
    private final SimV4Users v4Users;
    private final SimV4Auth v4Auth;
    private final SimV4Data v4Data;

    ControlResource(SimWebhooks webhooks, SimOAuth oauth, SimFaults faults, SimClock clock, ActivityLog log,
            SimBusinesses businesses, SimV4Users v4Users, SimV4Auth v4Auth, SimV4Data v4Data) {
        this.webhooks = webhooks;
        this.oauth = oauth;
        this.faults = faults;
        this.clock = clock;
        this.log = log;
        this.businesses = businesses;
        this.v4Users = v4Users;
        this.v4Auth = v4Auth;
        this.v4Data = v4Data;
    }

    @POST
    @Path("/deliver/lead")
    public Uni<Response> lead(@QueryParam("businessId") String businessId, @Context HttpServerRequest request) {
        return answer(webhooks.lead(optional(businessId), webhooks.target(request)));
    }

    @POST
    @Path("/deliver/message")
    public Uni<Response> message(@QueryParam("leadId") String leadId, @QueryParam("text") String text,
            @Context HttpServerRequest request) {
        return answer(webhooks.message(optional(leadId), optional(text), webhooks.target(request)));
    }

    @POST
    @Path("/deliver/lead-update")
    public Uni<Response> leadUpdate(@QueryParam("leadId") String leadId, @Context HttpServerRequest request) {
        return answer(webhooks.leadUpdate(optional(leadId), webhooks.target(request)));
    }

    @POST
    @Path("/deliver/review")
    public Uni<Response> review(@QueryParam("businessId") String businessId, @QueryParam("leadId") String leadId,
            @Context HttpServerRequest request) {
        return answer(webhooks.review(optional(businessId), optional(leadId), webhooks.target(request)));
    }

    @POST
    @Path("/next-refresh-null")
    public Map<String, Object> nextRefreshNull() {
        return Map.of("pendingNullAnswers", oauth.answerNextRefreshWithNull());
    }

    @POST
    @Path("/expire-access-tokens")
    public Map<String, Object> expireAccessTokens(@QueryParam("businessId") String businessId) {
        return Map.of("expired", oauth.expireAccessTokens(optional(businessId)));
    }

    @POST
    @Path("/clock/advance")
    public Map<String, Object> advanceClock(@QueryParam("seconds") long seconds) {
        if (seconds <= 0 || seconds > Duration.ofDays(3650).toSeconds()) {
            throw SimError.badRequest("invalid_request", "seconds must be a positive number of seconds");
        }
        return Map.of("now", clock.advance(Duration.ofSeconds(seconds)).toString());
    }

    @POST
    @Path("/faults")
    public Map<String, Object> fault(@QueryParam("operation") @DefaultValue("") String operation,
            @QueryParam("status") Integer status, @QueryParam("delayMs") @DefaultValue("0") long delayMs,
            @QueryParam("times") @DefaultValue("1") int times, @QueryParam("businessId") String businessId) {
        if (status != null && (status < 100 || status > 599)) {
            throw SimError.badRequest("invalid_request", "status must be an HTTP status code");
        }
        if (delayMs < 0 || delayMs > 120_000 || times < 1 || times > 100 || (status == null && delayMs == 0)) {
            throw SimError.badRequest("invalid_request", "give a status and/or delayMs (0-120000), times 1-100");
        }
        Operation parsed = Operation.parse(operation);
        if (optional(businessId).isPresent() && !parsed.perBusiness()) {
            // only a message call names its business; such a fault would never fire
            throw SimError.badRequest("invalid_request", "businessId limits message and v4-message faults only");
        }
        Fault fault = new Fault(status, Duration.ofMillis(delayMs), optional(businessId).orElse(null));
        faults.add(parsed, fault, times);
        return Map.of("pending", faults.pending());
    }

    @GET
    @Path("/messages")
    public List<ReceivedMessage> messages(@QueryParam("businessId") String businessId, @QueryParam("leadId") String leadId) {
        return log.messages().stream()
                .filter(m -> businessId == null || businessId.equals(m.businessId()))
                .filter(m -> leadId == null || leadId.equals(m.leadId()))
                .toList();
    }

    @GET
    @Path("/targeting")
    public List<ActivityLog.TargetingChange> targeting() {
        return log.targeting();
    }

    @GET
    @Path("/disconnects")
    public List<ActivityLog.Disconnect> disconnects() {
        return log.disconnects();
    }

    @GET
    @Path("/token-requests")
    public List<ActivityLog.TokenRequest> tokenRequests() {
        return log.tokenRequests();
    }

    @GET
    @Path("/webhooks")
    public List<SentWebhook> sentWebhooks() {
        return log.webhooks();
    }

    @GET
    @Path("/connections")
    public List<SimOAuth.Connection> connections() {
        return oauth.connections();
    }

    @GET
    @Path("/businesses")
    public List<SimBusinesses.Business> businesses() {
        return businesses.all();
    }

    /**
     * Forgets everything: businesses, leads, codes, tokens, the activity log, pending faults, the clock offset,
     * and v4's users, grants, webhooks, negotiations, messages and reviews.
     */
    @POST
    @Path("/reset")
    public Response reset() {
        oauth.reset();
        businesses.reset();
        log.reset();
        faults.reset();
        clock.reset();
        v4Users.reset();
        v4Auth.reset();
        v4Data.reset();
        return Response.noContent().build();
    }

    private static Uni<Response> answer(Uni<SentWebhook> sent) {
        return sent.map(s -> Response.status(s.status() == null ? 502 : 200).entity(s).build());
    }

    static Optional<String> optional(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
