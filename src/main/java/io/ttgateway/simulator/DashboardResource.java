package io.ttgateway.simulator;

import static io.ttgateway.simulator.ControlResource.optional;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.ttgateway.simulator.ActivityLog.SentWebhook;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;

/**
 * GET /simulator: one page listing what the simulated Thumbtack received and sent, with buttons that
 * deliver each kind of webhook or shape the next answers. The buttons post forms to /simulator/ui/…,
 * which act and send the browser back to the page (303).
 */
@Path("/simulator")
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class DashboardResource {

    private final DashboardPage page;
    private final SimWebhooks webhooks;
    private final SimOAuth oauth;
    private final SimV4Events v4Events;
    private final SimV4Auth v4Auth;

    DashboardResource(DashboardPage page, SimWebhooks webhooks, SimOAuth oauth, SimV4Events v4Events, SimV4Auth v4Auth) {
        this.page = page;
        this.webhooks = webhooks;
        this.oauth = oauth;
        this.v4Events = v4Events;
        this.v4Auth = v4Auth;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String dashboard() {
        return page.render();
    }

    @POST
    @Path("/ui/deliver/{kind}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> deliver(@PathParam("kind") String kind, @FormParam("businessId") String businessId,
            @FormParam("leadId") String leadId, @FormParam("text") String text, @Context HttpServerRequest request) {
        String target = webhooks.target(request);
        Uni<SentWebhook> sent = switch (kind) {
            case "lead" -> webhooks.lead(optional(businessId), target);
            case "message" -> webhooks.message(optional(leadId), optional(text), target);
            case "lead-update" -> webhooks.leadUpdate(optional(leadId), target);
            case "review" -> webhooks.review(optional(businessId), optional(leadId), target);
            default -> null;
        };
        return sent == null ? Uni.createFrom().item(Response.status(404).build()) : sent.map(s -> backToDashboard());
    }

    @POST
    @Path("/ui/v4/deliver/{kind}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> deliverV4(@PathParam("kind") String kind, @FormParam("businessId") String businessId,
            @FormParam("negotiationId") String negotiationId, @FormParam("text") String text) {
        Uni<?> sent = switch (kind) {
            case "lead" -> v4Events.lead(optional(businessId), Optional.empty());
            case "message" -> v4Events.customerMessage(optional(negotiationId), Optional.empty(), optional(text));
            case "pro-message" -> v4Events.proMessage(optional(negotiationId), optional(text));
            case "review" -> v4Events.review(optional(businessId), Optional.empty());
            default -> null;
        };
        return sent == null ? Uni.createFrom().item(Response.status(404).build()) : sent.map(s -> backToDashboard());
    }

    @POST
    @Path("/ui/v4/expire-access-tokens")
    public Response expireV4AccessTokens() {
        v4Auth.expireAccessTokens(Optional.empty());
        return backToDashboard();
    }

    @POST
    @Path("/ui/next-refresh-null")
    public Response nextRefreshNull() {
        oauth.answerNextRefreshWithNull();
        return backToDashboard();
    }

    @POST
    @Path("/ui/expire-access-tokens")
    public Response expireAccessTokens() {
        oauth.expireAccessTokens(Optional.empty());
        return backToDashboard();
    }

    private static Response backToDashboard() {
        return Response.seeOther(URI.create("/simulator")).build();
    }
}
