package io.ttgateway.simulator;

import static io.ttgateway.simulator.Html.esc;
import static io.ttgateway.simulator.Html.hidden;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.ttgateway.simulator.SimFaults.Operation;
import io.ttgateway.simulator.SimV4Users.User;
import io.ttgateway.simulator.SimV4Users.V4Business;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The simulated v4 authorization server (reference v4: OAuth 2.0), standing in for auth.thumbtack.com:
 * GET /oauth2/auth shows the consent page of the signed-in user (the one created last), who ticks the
 * businesses to grant; Allow redirects to {@code redirect_uri?code=&scope=&state=}, Deny to
 * {@code redirect_uri?error=access_denied&state=}. POST /oauth2/token (form body, Basic v4 client
 * credentials) exchanges codes and rotates refresh tokens.
 */
@Path("/simulator/v4-auth/oauth2")
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class V4AuthResource {

    private final SimV4Auth auth;
    private final SimV4Users users;
    private final SimClients clients;
    private final SimFaults faults;

    V4AuthResource(SimV4Auth auth, SimV4Users users, SimClients clients, SimFaults faults) {
        this.auth = auth;
        this.users = users;
        this.clients = clients;
        this.faults = faults;
    }

    @GET
    @Path("/auth")
    @Produces(MediaType.TEXT_HTML)
    public Response consent(@QueryParam("client_id") String clientId, @QueryParam("redirect_uri") String redirectUri,
            @QueryParam("response_type") String responseType, @QueryParam("scope") String scope,
            @QueryParam("state") String state, @QueryParam("audience") String audience,
            @QueryParam("code_challenge") String codeChallenge,
            @QueryParam("code_challenge_method") String codeChallengeMethod) {
        V4AuthorizeRequest request = new V4AuthorizeRequest(clientId, redirectUri, responseType, scope, state, audience,
                codeChallenge, codeChallengeMethod);
        Optional<String> problem = request.problem(clients.v4ClientId());
        if (problem.isPresent()) {
            return ConnectPages.problem(problem.get());
        }
        return Response.ok(page(request, users.current(), null)).build();
    }

    @POST
    @Path("/auth")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response decide(@FormParam("client_id") String clientId, @FormParam("redirect_uri") String redirectUri,
            @FormParam("response_type") String responseType, @FormParam("scope") String scope,
            @FormParam("state") String state, @FormParam("audience") String audience,
            @FormParam("code_challenge") String codeChallenge,
            @FormParam("code_challenge_method") String codeChallengeMethod, @FormParam("user_id") String userId,
            @FormParam("business_id") List<String> businessIds, @FormParam("decision") String decision) {
        V4AuthorizeRequest request = new V4AuthorizeRequest(clientId, redirectUri, responseType, scope, state, audience,
                codeChallenge, codeChallengeMethod);
        Optional<String> problem = request.problem(clients.v4ClientId());
        if (problem.isPresent()) {
            return ConnectPages.problem(problem.get());
        }
        Optional<User> user = users.find(userId);
        if (user.isEmpty()) {
            return ConnectPages.problem("Unknown user_id: sign in again.");
        }
        if ("deny".equals(decision)) {
            return redirect(redirectUri, "error=access_denied&error_description="
                    + PartnerConnectResource.enc("The resource owner denied the request") + "&state=" + PartnerConnectResource.enc(state));
        }
        List<String> chosen = businessIds == null ? List.of()
                : businessIds.stream().filter(id -> user.get().owns(id)).distinct().toList();
        if (chosen.isEmpty() || chosen.size() != businessIds.stream().distinct().count()) {
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE)
                    .entity(page(request, user.get(), "Tick one or more of your businesses.")).build();
        }
        String code = auth.issueCode(clientId, redirectUri, request.challengeOrNull(), user.get(), chosen,
                request.scopes(), audience);
        return redirect(redirectUri, "code=" + PartnerConnectResource.enc(code) + "&scope=" + PartnerConnectResource.enc(String.join(" ", request.scopes()))
                + "&state=" + PartnerConnectResource.enc(state));
    }

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @FormParam("grant_type") String grantType, @FormParam("code") String code,
            @FormParam("redirect_uri") String redirectUri, @FormParam("code_verifier") String codeVerifier,
            @FormParam("refresh_token") String refreshToken) {
        return faults.apply(Operation.V4_TOKEN, () -> {
            String clientId = clients.requireV4Client(authorization);
            if ("authorization_code".equals(grantType)) {
                return ok(auth.exchange(clientId, ProApiV2Resource.required("code", code), ProApiV2Resource.required("redirect_uri", redirectUri),
                        V4AuthorizeRequest.blank(codeVerifier) ? null : codeVerifier));
            }
            if ("refresh_token".equals(grantType)) {
                return ok(auth.refresh(ProApiV2Resource.required("refresh_token", refreshToken)));
            }
            throw SimError.badRequest("unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
        });
    }

    private static Response ok(SimV4Auth.TokenAnswer answer) {
        // RFC 6749, 5.1: token answers are not cached.
        return Response.ok(answer.body()).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    private static String page(V4AuthorizeRequest request, User user, String error) {
        StringBuilder boxes = new StringBuilder();
        for (V4Business business : user.businesses()) {
            boxes.append("<p><label><input type=\"checkbox\" name=\"business_id\" value=\"")
                    .append(esc(business.businessId())).append("\" checked> ").append(esc(business.name()))
                    .append(" <span class=\"note\">(").append(esc(business.businessId())).append(")</span></label></p>");
        }
        String warning = request.audienceIsPartnerApi() ? ""
                : "<p class=\"error\">audience is not " + SimV4Auth.AUDIENCE + ": the tokens will be issued, and"
                        + " every API call with them will answer 502 proxy_oauth_failed, as at Thumbtack.</p>";
        String body = "<h1>Thumbtack <span class=\"note\">(simulator, v4)</span></h1>\n<div class=\"card\">"
                + (error == null ? "" : "<p class=\"error\">" + esc(error) + "</p>")
                + "<p>Signed in as <b>" + esc(user.firstName() + " " + user.lastName()) + "</b> (" + esc(user.email())
                + ").</p><p><b>" + esc(request.clientId()) + "</b> asks for <b>" + esc(String.join(" ", request.scopes()))
                + "</b> on the businesses you choose:</p>\n" + warning
                + "<form method=\"post\" action=\"/simulator/v4-auth/oauth2/auth\">\n"
                + hidden("client_id", request.clientId()) + hidden("redirect_uri", request.redirectUri())
                + hidden("response_type", request.responseType()) + hidden("scope", request.scope())
                + hidden("state", request.state()) + hidden("audience", request.audience())
                + hidden("code_challenge", request.codeChallenge())
                + hidden("code_challenge_method", request.codeChallengeMethod()) + hidden("user_id", user.userId())
                + "\n" + boxes
                + "<p><button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button> "
                + "<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></p>\n</form>\n"
                + "<p class=\"note\">This page stands in for auth.thumbtack.com/oauth2/auth in development. Another user"
                + " with more businesses: POST /simulator/control/v4/users?businesses=3, then reload."
                + " You will be sent back to " + esc(request.redirectUri()) + ".</p></div>";
        return Html.page("Allow access to Thumbtack (simulator, v4)", body);
    }

    private static Response redirect(String redirectUri, String query) {
        return Response.status(Response.Status.FOUND)
                .location(URI.create(redirectUri + (redirectUri.contains("?") ? "&" : "?") + query)).build();
    }
}
