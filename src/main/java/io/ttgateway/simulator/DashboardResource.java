package io.ttgateway.simulator;

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

    DashboardResource(DashboardPage page, SimWebhooks webhooks, SimOAuth oauth) {
        this.page = page;
        this.webhooks = webhooks;
        this.oauth = oauth;
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

    private static Optional<String> optional(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
