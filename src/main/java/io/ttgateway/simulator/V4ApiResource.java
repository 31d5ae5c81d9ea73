package io.ttgateway.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.ttgateway.simulator.ActivityLog.JobStatusChange;
import io.ttgateway.simulator.ActivityLog.ReceivedMessage;
import io.ttgateway.simulator.SimFaults.Operation;
import io.ttgateway.simulator.SimV4Auth.Access;
import io.ttgateway.simulator.SimV4Data.Negotiation;
import io.ttgateway.simulator.SimV4Data.Webhook;
import io.ttgateway.simulator.SimV4Data.WebhookAuth;
import io.ttgateway.simulator.SimV4Users.V4Business;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The simulated v4 API (reference v4: Businesses and users, Webhook management, Calls on behalf of the
 * pro), standing in for api.thumbtack.com: every path under /api/v4 as Thumbtack spells it, Bearer
 * tokens of {@link SimV4Auth} (401 RFC 7807 when missing, unknown or expired; 403 for a business
 * outside the token's grant). Faults: v4-message for sends, v4-api for every other call.
 */
@Path("/simulator/v4-api/api/v4")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class V4ApiResource {

    static final List<String> JOB_STATUSES = List.of("not_scheduled", "appt_scheduled", "job_complete", "invoice_paid",
            "customer_cancel", "pro_cancel");
    static final int MAX_TEXT = 16_384;
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private final SimV4Auth auth;
    private final SimV4Users users;
    private final SimV4Data data;
    private final SimV4Samples samples;
    private final SimV4Deliveries deliveries;
    private final SimBodies bodies;
    private final SimFaults faults;
    private final SimClock clock;
    private final ActivityLog log;
    private final SimulatorConfig config;

    V4ApiResource(SimV4Auth auth, SimV4Users users, SimV4Data data, SimV4Samples samples, SimV4Deliveries deliveries,
            SimBodies bodies, SimFaults faults, SimClock clock, ActivityLog log, SimulatorConfig config) {
        this.auth = auth;
        this.users = users;
        this.data = data;
        this.samples = samples;
        this.deliveries = deliveries;
        this.bodies = bodies;
        this.faults = faults;
        this.clock = clock;
        this.log = log;
        this.config = config;
    }

    @GET
    @Path("/users/self")
    public Uni<Response> self(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return api(() -> {
            Access access = auth.authorize(authorization);
            return Response.ok(users.find(access.userId()).orElseThrow().view()).build();
        });
    }

    @GET
    @Path("/businesses")
    public Uni<Response> businesses(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return api(() -> {
            Access access = auth.authorize(authorization);
            List<Object> all = access.businessIds().stream().map(id -> (Object) business(id).view()).toList();
            return Response.ok(page(all, number("limit", limit, 20, 1, 100), number("offset", offset, 0, 0, 1_000_000),
                    false)).build();
        });
    }

    @GET
    @Path("/businesses/{businessId}")
    public Uni<Response> business(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("businessId") String businessId) {
        return api(() -> {
            auth.authorize(authorization).requireBusiness(businessId);
            return Response.ok(business(businessId).view()).build();
        });
    }

    @POST
    @Path("/businesses/{businessId}/webhooks")
    public Uni<Response> createWebhook(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @PathParam("businessId") String businessId,
            String body) {
        return api(() -> {
            auth.authorize(authorization).requireBusiness(businessId);
            JsonNode request = bodies.v4Object(contentType, body);
            String url = webhookUrl(request.get("webhookURL"));
            List<String> eventTypes = eventTypes(request.get("eventTypes"));
            JsonNode enabled = request.get("enabled");
            if (enabled != null && !enabled.isBoolean()) {
                throw SimError.badField("enabled", "must be true or false");
            }
            JsonNode credentials = request.get("auth");
            WebhookAuth webhookAuth = credentials == null || credentials.isNull() ? WebhookAuth.none() : webhookAuth(credentials);
            Webhook webhook = data.addWebhook(businessId, url, eventTypes, enabled == null || enabled.booleanValue(),
                    webhookAuth, clock.now());
            return Response.status(201).entity(webhook.view()).build();
        });
    }

    @GET
    @Path("/businesses/{businessId}/webhooks")
    public Uni<Response> webhooks(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("businessId") String businessId, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        return api(() -> {
            auth.authorize(authorization).requireBusiness(businessId);
            List<Object> all = data.webhooks(businessId).stream().map(w -> (Object) w.view()).toList();
            return Response.ok(page(all, number("limit", limit, 20, 1, 100), number("offset", offset, 0, 0, 1_000_000),
                    false)).build();
        });
    }

    @GET
    @Path("/businesses/{businessId}/webhooks/{webhookId}")
    public Uni<Response> webhook(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("businessId") String businessId, @PathParam("webhookId") String webhookId) {
        return api(() -> {
            auth.authorize(authorization).requireBusiness(businessId);
            return Response.ok(data.webhook(businessId, webhookId).view()).build();
        });
    }

    @PUT
    @Path("/businesses/{businessId}/webhooks/{webhookId}")
    public Uni<Response> enableWebhook(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @PathParam("businessId") String businessId,
            @PathParam("webhookId") String webhookId, String body) {
        return api(() -> {
            auth.authorize(authorization).requireBusiness(businessId);
            JsonNode enabled = bodies.v4Object(contentType, body).get("enabled");
            if (enabled == null || !enabled.isBoolean()) {
                throw SimError.badField("enabled", "is required, true or false");
            }
            return Response.ok(data.updateWebhook(businessId, webhookId, enabled.booleanValue()).view()).build();
        });
    }

    @PUT
    @Path("/businesses/{businessId}/webhooks/{webhookId}/auth")
    public Uni<Response> webhookAuth(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @PathParam("businessId") String businessId,
            @PathParam("webhookId") String webhookId, String body) {
        return api(() -> {
            auth.authorize(authorization).requireBusiness(businessId);
            WebhookAuth changed = webhookAuth(bodies.v4Object(contentType, body));
            return Response.ok(data.updateWebhookAuth(businessId, webhookId, changed).view()).build();
        });
    }

    @DELETE
    @Path("/businesses/{businessId}/webhooks/{webhookId}")
    public Uni<Response> deleteWebhook(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("businessId") String businessId, @PathParam("webhookId") String webhookId) {
        return api(() -> {
            auth.authorize(authorization).requireBusiness(businessId);
            data.deleteWebhook(businessId, webhookId);
            return Response.noContent().build();
        });
    }

    /**
     * A lead for the business, delivered as NegotiationCreatedV4 to its webhooks right after this answer.
     * The answer's body is not documented; this one is the created negotiation (a guess).
     */
    @POST
    @Path("/businesses/{businessId}/webhooks/test-negotiation")
    public Uni<Response> testNegotiation(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("businessId") String businessId) {
        return api(() -> {
            auth.authorize(authorization).requireBusiness(businessId);
            Negotiation created = data.addNegotiation(businessId, samples.testNegotiation(business(businessId), clock.now()));
            deliveries.deliverLater(businessId, "NegotiationCreatedV4", created.data(), Duration.ZERO);
            return Response.ok(created.data()).build();
        });
    }

    @GET
    @Path("/negotiations/{negotiationId}")
    public Uni<Response> negotiation(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("negotiationId") String negotiationId) {
        return api(() -> Response.ok(negotiationFor(auth.authorize(authorization), negotiationId).data()).build());
    }

    @GET
    @Path("/negotiations/{negotiationId}/messages")
    public Uni<Response> messages(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("negotiationId") String negotiationId, @QueryParam("limit") String limit,
            @QueryParam("sentBefore") String sentBefore, @QueryParam("sentAfter") String sentAfter) {
        return api(() -> {
            negotiationFor(auth.authorize(authorization), negotiationId);
            int max = number("limit", limit, 20, 1, 20);
            Optional<Instant> before = time("sentBefore", sentBefore);
            Optional<Instant> after = time("sentAfter", sentAfter);
            List<Object> chosen = data.messages(negotiationId).stream()
                    .filter(m -> before.map(b -> Instant.parse(m.get("sentAt").asText()).isBefore(b)).orElse(true))
                    .filter(m -> after.map(a -> Instant.parse(m.get("sentAt").asText()).isAfter(a)).orElse(true))
                    .limit(max).map(m -> (Object) m).toList();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("data", chosen);
            answer.put("pagination", Map.of("limit", max));
            return Response.ok(answer).build();
        });
    }

    /** Stores the message and answers it (with its messageID); its echo (from Business, same messageID) follows. */
    @POST
    @Path("/negotiations/{negotiationId}/messages")
    public Uni<Response> send(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @PathParam("negotiationId") String negotiationId,
            String body) {
        String businessId = data.negotiation(negotiationId).map(Negotiation::businessId).orElse(null);
        return faults.apply(Operation.V4_MESSAGE, businessId, () -> {
            Negotiation negotiation = negotiationFor(auth.authorize(authorization), negotiationId);
            String text = string(bodies.v4Object(contentType, body), "text",
                    t -> !t.isEmpty() && t.length() <= MAX_TEXT, "is required, a string of 1 to " + MAX_TEXT + " characters");
            Instant now = clock.now();
            ObjectNode message = samples.businessMessage(negotiation.data(), Optional.of(text), now);
            data.addMessage(negotiationId, message);
            log.add(new ReceivedMessage(now, "v4", negotiation.businessId(), negotiationId, text));
            deliveries.deliverLater(negotiation.businessId(), "MessageCreatedV4", message, config.v4EchoDelay());
            return Response.ok(message).build();
        });
    }

    @POST
    @Path("/negotiations/{negotiationId}/job-status")
    public Uni<Response> jobStatus(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @PathParam("negotiationId") String negotiationId,
            String body) {
        return api(() -> {
            Negotiation negotiation = negotiationFor(auth.authorize(authorization), negotiationId);
            String status = string(bodies.v4Object(contentType, body), "status", JOB_STATUSES::contains,
                    "must be one of " + String.join(", ", JOB_STATUSES));
            data.setJobStatus(negotiationId, status);
            log.add(new JobStatusChange(clock.now(), negotiation.businessId(), negotiationId, status));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("negotiationID", negotiationId);
            answer.put("status", status);
            return Response.ok(answer).build();
        });
    }

    @GET
    @Path("/businesses/{businessId}/reviews")
    public Uni<Response> reviews(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("businessId") String businessId, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        return api(() -> {
            auth.authorize(authorization).requireBusiness(businessId);
            List<Object> all = new ArrayList<>(data.reviews(businessId));
            return Response.ok(page(all, number("limit", limit, 10, 1, 100), number("offset", offset, 0, 0, 1_000_000),
                    true)).build();
        });
    }

    private Uni<Response> api(Supplier<Response> handler) {
        return faults.apply(Operation.V4_API, handler);
    }

    private V4Business business(String businessId) {
        return users.business(businessId)
                .orElseThrow(() -> SimError.problem(404, "Not Found", "no business " + businessId));
    }

    private Negotiation negotiationFor(Access access, String negotiationId) {
        Negotiation negotiation = data.requireNegotiation(negotiationId);
        access.requireBusiness(negotiation.businessId());
        return negotiation;
    }

    /**
     * {"data": [...], "pagination": {"limit"}} as the list answers show; with {@code offsets} (reviews)
     * also "offset" and "next", the offset of the next page or null on the last (the form of "next" is a guess).
     */
    private static Map<String, Object> page(List<Object> all, int limit, int offset, boolean offsets) {
        List<Object> items = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("limit", limit);
        if (offsets) {
            pagination.put("offset", offset);
            pagination.put("next", offset + limit < all.size() ? offset + limit : null);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("data", items);
        answer.put("pagination", pagination);
        return answer;
    }

    private static int number(String name, String value, int absent, int min, int max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw SimError.badField(name, "must be a whole number from " + min + " to " + max);
    }

    private static Optional<Instant> time(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw SimError.badField(name, "must be an RFC 3339 time such as 2026-08-16T17:13:05Z");
        }
    }

    /** https, or http for a local run (localhost, 127.0.0.1, [::1]), which Thumbtack itself would refuse. */
    private static String webhookUrl(JsonNode value) {
        if (value == null || !value.isTextual()) {
            throw SimError.badField("webhookURL", "is required");
        }
        try {
            URI uri = new URI(value.asText());
            String host = uri.getHost();
            boolean https = "https".equals(uri.getScheme()) && host != null;
            boolean local = "http".equals(uri.getScheme()) && host != null && LOCAL_HOSTS.contains(host);
            if (uri.isAbsolute() && (https || local)) {
                return value.asText();
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw SimError.badField("webhookURL", "must be an https URL (the simulator also takes http for localhost"
                + " and 127.0.0.1)");
    }

    private static List<String> eventTypes(JsonNode value) {
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw SimError.badField("eventTypes", "is required, a non-empty list of " + String.join(", ",
                    SimV4Data.EVENT_TYPES));
        }
        List<String> types = new ArrayList<>();
        for (JsonNode type : value) {
            if (!type.isTextual() || !SimV4Data.EVENT_TYPES.contains(type.asText())) {
                throw SimError.badField("eventTypes", "contains an unknown event type " + type
                        + "; known: " + String.join(", ", SimV4Data.EVENT_TYPES));
            }
            if (!types.contains(type.asText())) {
                types.add(type.asText());
            }
        }
        return types;
    }

    /** {"username", "password"} (Basic) or {"header", "value"} (a custom header). */
    private static WebhookAuth webhookAuth(JsonNode value) {
        if (value == null || !value.isObject()) {
            throw SimError.badField("auth", "must be {\"username\", \"password\"} or {\"header\", \"value\"}");
        }
        if (value.has("username") || value.has("password")) {
            return WebhookAuth.basic(nonBlank(value, "auth.username", "username"), nonBlank(value, "auth.password", "password"));
        }
        if (value.has("header") || value.has("value")) {
            String header = nonBlank(value, "auth.header", "header");
            if (!header.matches("[A-Za-z0-9-]{1,64}")) {
                throw SimError.badField("auth.header", "must be an HTTP header name");
            }
            return WebhookAuth.header(header, nonBlank(value, "auth.value", "value"));
        }
        throw SimError.badField("auth", "must be {\"username\", \"password\"} or {\"header\", \"value\"}");
    }

    private static String nonBlank(JsonNode object, String name, String field) {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank() || value.asText().length() > 1_000) {
            throw SimError.badField(name, "is required, a non-empty string");
        }
        return value.asText();
    }

    /** The string field {@code name} of the body, if {@code valid}; else 400 naming it. */
    private static String string(JsonNode body, String name, Predicate<String> valid, String problem) {
        JsonNode value = body.get(name);
        if (value == null || !value.isTextual() || !valid.test(value.asText())) {
            throw SimError.badField(name, problem);
        }
        return value.asText();
    }
}
