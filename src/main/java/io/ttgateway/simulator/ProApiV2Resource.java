package io.ttgateway.simulator;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.ttgateway.simulator.ActivityLog.Disconnect;
import io.ttgateway.simulator.ActivityLog.ReceivedMessage;
import io.ttgateway.simulator.SimFaults.Operation;
import io.ttgateway.simulator.SimOAuth.Access;
import io.ttgateway.simulator.SimOAuth.TokenPair;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated pro-api's /v2 endpoints (reference: Authentication steps 5 and 6, Thumbtack Endpoints):
 * token exchange and refresh, get-thumbtack-info, disconnect-partner and send-message.
 */
@Path("/simulator/pro-api/v2")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class ProApiV2Resource {

    private final SimOAuth oauth;
    private final SimClients clients;
    private final SimBodies bodies;
    private final SimFaults faults;
    private final ActivityLog log;
    private final SimClock clock;

    ProApiV2Resource(SimOAuth oauth, SimClients clients, SimBodies bodies, SimFaults faults, ActivityLog log,
            SimClock clock) {
        this.oauth = oauth;
        this.clients = clients;
        this.bodies = bodies;
        this.faults = faults;
        this.log = log;
        this.clock = clock;
    }

    @POST
    @Path("/tokens/access")
    public Uni<Response> tokens(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("grant_type") String grantType, @QueryParam("token_type") String tokenType,
            @QueryParam("code") String code, @QueryParam("redirect_uri") String redirectUri,
            @QueryParam("refresh_token") String refreshToken) {
        return faults.apply(Operation.TOKENS, () -> {
            String clientId = clients.requireClient(authorization);
            if ("authorization_code".equals(grantType)) {
                require("token_type", tokenType, "AUTH_CODE");
                TokenPair pair = oauth.exchange(clientId, required("code", code), required("redirect_uri", redirectUri));
                return Response.ok(tokenAnswer(pair)).build();
            }
            if ("refresh_token".equals(grantType)) {
                require("token_type", tokenType, "REFRESH");
                Optional<TokenPair> pair = oauth.refresh(clientId, required("refresh_token", refreshToken));
                // Thumbtack's grace-period case: the body is the JSON literal null.
                return pair.map(p -> Response.ok(tokenAnswer(p)).build())
                        .orElseGet(() -> Response.ok("null", MediaType.APPLICATION_JSON_TYPE).build());
            }
            throw SimError.badRequest("unsupported_grant_type",
                    "grant_type must be authorization_code or refresh_token");
        });
    }

    @GET
    @Path("/get-thumbtack-info")
    public Uni<Response> info(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return faults.apply(Operation.INFO, () -> {
            Access access = oauth.authorize(authorization);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("business_pk", access.businessId());
            answer.put("client_id", access.clientId());
            answer.put("scope", access.scopes());
            answer.put("business_name", access.businessName());
            return Response.ok(answer).build();
        });
    }

    @POST
    @Path("/disconnect-partner")
    public Uni<Response> disconnect(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("business_pk") String businessId) {
        return faults.apply(Operation.DISCONNECT, () -> {
            String clientId = clients.requireClient(authorization);
            required("business_pk", businessId);
            int revoked = oauth.disconnect(clientId, businessId);
            log.add(new Disconnect(clock.now(), businessId, clientId, revoked));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("business_pk", businessId);
            answer.put("client_id", clientId);
            return Response.ok(answer).build();
        });
    }

    @POST
    @Path("/business/{businessId}/lead/{leadId}/message")
    public Uni<Response> message(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @PathParam("businessId") String businessId,
            @PathParam("leadId") String leadId, String body) {
        return faults.apply(Operation.MESSAGE, businessId, () -> {
            Access access = oauth.authorize(authorization);
            if (!access.businessId().equals(businessId)) {
                throw SimError.forbidden("the access token belongs to another business");
            }
            if (!access.scopes().contains("messages")) {
                throw SimError.of(403, "insufficient_scope", "the access token lacks the messages scope");
            }
            String text = bodies.text(contentType, body);
            log.add(new ReceivedMessage(clock.now(), "v2", businessId, leadId, text));
            return Response.ok(Map.of("status", "success")).build();
        });
    }

    static Map<String, Object> tokenAnswer(TokenPair pair) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", pair.accessToken());
        answer.put("token_type", "bearer");
        answer.put("expires_in", pair.expiresIn());
        answer.put("refresh_token", pair.refreshToken());
        return answer;
    }

    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw SimError.badRequest("invalid_request", name + " is required");
        }
        return value;
    }

    private static void require(String name, String value, String expected) {
        if (!expected.equals(value)) {
            throw SimError.badRequest("invalid_request", name + " must be " + expected);
        }
    }
}
