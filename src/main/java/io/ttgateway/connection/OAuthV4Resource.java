package io.ttgateway.connection;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The pro's browser, v4 flow: no credentials; protected by the single-use state and PKCE. While v4 is
 * off (no v4 client id and secret) both paths answer 404, as if they did not exist.
 */
@Path("/oauth/v4")
@PermitAll
@Produces(MediaType.TEXT_HTML)
@Tag(name = "OAuth")
public class OAuthV4Resource {

    private final OAuthV4Flow flow;

    OAuthV4Resource(OAuthV4Flow flow) {
        this.flow = flow;
    }

    @GET
    @Path("/connect")
    public Response connect() {
        if (!flow.enabled()) {
            return notFound();
        }
        return OAuthResource.noStore(Response.status(Response.Status.FOUND).location(flow.start())).build();
    }

    @GET
    @Path("/callback")
    public Uni<Response> callback(@QueryParam("code") String code, @QueryParam("state") String state,
            @QueryParam("error") String error, @QueryParam("error_description") String errorDescription) {
        if (!flow.enabled()) {
            return Uni.createFrom().item(notFound());
        }
        return flow.callback(code, state, error, errorDescription)
                .map(outcome -> OAuthResource.page(outcome.status(), outcome.html()));
    }

    private static Response notFound() {
        return OAuthResource.page(404, OAuthPages.problem("Not found", "Thumbtack v4 connections are not enabled."));
    }
}
