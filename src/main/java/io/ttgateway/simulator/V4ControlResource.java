package io.ttgateway.simulator;

import static io.ttgateway.simulator.ControlResource.optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.ttgateway.simulator.ActivityLog.SentWebhook;
import io.ttgateway.simulator.SimV4Data.Negotiation;
import io.ttgateway.simulator.SimV4Users.User;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives the simulated Thumbtack v4 (dev and test only, no credentials): users with several businesses,
 * deliveries to the businesses' registered webhooks ({@link SimV4Events}), changes of a lead that only
 * polling can see, and what it holds.
 * Faults: POST /simulator/control/faults with operation v4-token, v4-message or v4-api.
 */
@Path("/simulator/control/v4")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class V4ControlResource {

    static final List<String> STATUSES = List.of("Open", "Canceled", "Picked");
    static final List<String> CHARGE_STATES = List.of("Created", "Pending", "Charged", "Refunded");

    private final SimV4Users users;
    private final SimV4Auth auth;
    private final SimV4Data data;
    private final SimV4Events events;
    private final ActivityLog log;

    V4ControlResource(SimV4Users users, SimV4Auth auth, SimV4Data data, SimV4Events events, ActivityLog log) {
        this.users = users;
        this.auth = auth;
        this.data = data;
        this.events = events;
        this.log = log;
    }

    /** A new user owning {@code businesses} businesses; the consent page signs in as this user from now on. */
    @POST
    @Path("/users")
    public User createUser(@QueryParam("businesses") @DefaultValue("2") int businesses) {
        return users.create(businesses);
    }

    @GET
    @Path("/users")
    public List<User> users() {
        return users.all();
    }

    @GET
    @Path("/grants")
    public List<SimV4Auth.GrantView> grants() {
        return auth.grants();
    }

    @GET
    @Path("/token-requests")
    public List<ActivityLog.V4TokenRequest> tokenRequests() {
        return log.v4TokenRequests();
    }

    @POST
    @Path("/expire-access-tokens")
    public Map<String, Object> expireAccessTokens(@QueryParam("businessId") String businessId) {
        return Map.of("expired", auth.expireAccessTokens(optional(businessId)));
    }

    @POST
    @Path("/deliver/lead")
    public Uni<Map<String, Object>> lead(@QueryParam("businessId") String businessId,
            @QueryParam("negotiationId") String negotiationId) {
        return events.lead(optional(businessId), optional(negotiationId));
    }

    @POST
    @Path("/deliver/message")
    public Uni<Map<String, Object>> customerMessage(@QueryParam("negotiationId") String negotiationId,
            @QueryParam("businessId") String businessId, @QueryParam("text") String text) {
        return events.customerMessage(optional(negotiationId), optional(businessId), optional(text));
    }

    @POST
    @Path("/deliver/pro-message")
    public Uni<Map<String, Object>> proMessage(@QueryParam("negotiationId") String negotiationId,
            @QueryParam("text") String text) {
        return events.proMessage(optional(negotiationId), optional(text));
    }

    @POST
    @Path("/deliver/review")
    public Uni<Map<String, Object>> review(@QueryParam("businessId") String businessId,
            @QueryParam("negotiationId") String negotiationId) {
        return events.review(optional(businessId), optional(negotiationId));
    }

    /**
     * Changes the lead's leadPrice ("$26.00"), chargeState and/or status, silently as at Thumbtack (v4 sends
     * no update): the service sees it only by reading GET /api/v4/negotiations/{id}.
     */
    @POST
    @Path("/negotiations/{negotiationId}")
    public ObjectNode change(@PathParam("negotiationId") String negotiationId, @QueryParam("leadPrice") String leadPrice,
            @QueryParam("chargeState") String chargeState, @QueryParam("status") String status) {
        if (optional(leadPrice).isEmpty() && optional(chargeState).isEmpty() && optional(status).isEmpty()) {
            throw SimError.badRequest("invalid_request", "give leadPrice, chargeState and/or status");
        }
        if (optional(leadPrice).isPresent() && !leadPrice.matches("\\$\\d{1,6}\\.\\d{2}")) {
            throw SimError.badRequest("invalid_request", "leadPrice must look like $26.00");
        }
        requireOneOf("chargeState", chargeState, CHARGE_STATES);
        requireOneOf("status", status, STATUSES);
        return data.changeNegotiation(negotiationId, lead -> {
            optional(leadPrice).ifPresent(p -> lead.put("leadPrice", p));
            optional(chargeState).ifPresent(c -> lead.put("chargeState", c));
            optional(status).ifPresent(s -> lead.put("status", s));
        }).data();
    }

    @GET
    @Path("/negotiations")
    public List<Negotiation> negotiations(@QueryParam("businessId") String businessId) {
        return data.negotiations().stream().filter(n -> businessId == null || n.businessId().equals(businessId)).toList();
    }

    /** The lead's messages, newest first, both sides. */
    @GET
    @Path("/negotiations/{negotiationId}/messages")
    public List<ObjectNode> messages(@PathParam("negotiationId") String negotiationId) {
        return data.messages(negotiationId);
    }

    /** The registered webhooks as the API shows them (never a credential). */
    @GET
    @Path("/webhooks")
    public List<Map<String, Object>> webhooks(@QueryParam("businessId") String businessId) {
        return data.allWebhooks().stream().filter(w -> businessId == null || w.businessId().equals(businessId))
                .map(SimV4Data.Webhook::view).toList();
    }

    /** The v4 deliveries made, newest first. */
    @GET
    @Path("/deliveries")
    public List<SentWebhook> deliveries() {
        return log.webhooks().stream().filter(w -> w.kind().startsWith("v4 ")).toList();
    }

    @GET
    @Path("/job-statuses")
    public List<ActivityLog.JobStatusChange> jobStatuses() {
        return log.jobStatuses();
    }

    private static void requireOneOf(String name, String value, List<String> allowed) {
        if (optional(value).isPresent() && !allowed.contains(value)) {
            throw SimError.badRequest("invalid_request", name + " must be one of " + String.join(", ", allowed));
        }
    }
}
