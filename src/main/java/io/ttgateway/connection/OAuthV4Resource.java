package io.ttgateway.connection;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    @Operation(summary = "Start connecting a pro through Thumbtack v4",
            description = "Redirects the pro's browser to the v4 auth server (state and PKCE S256 challenge).")
    @APIResponse(responseCode = "302", description = "To THUMBTACK_V4_AUTH_URL/oauth2/auth?client_id=..."
            + "&redirect_uri=...&response_type=code&scope=...&state=...&audience=urn:partner-api&code_challenge=..."
            + "&code_challenge_method=S256",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = "OAuthNotEnabled")
    public Response connect() {
        if (!flow.enabled()) {
            return notFound();
        }
        return OAuthResource.noStore(Response.status(Response.Status.FOUND).location(flow.start())).build();
    }

    @GET
    @Path("/callback")
    @Operation(summary = "Finish connecting a pro through Thumbtack v4 (Thumbtack redirects here)",
            description = "Parameters as for /oauth/callback. Checks state, exchanges the code with its PKCE verifier, "
                    + "lists the user's businesses and registers one webhook per business.")
    @APIResponse(responseCode = "200", ref = "OAuthConnected")
    @APIResponse(responseCode = "400", ref = "OAuthProblem")
    @APIResponse(responseCode = "502", ref = "OAuthThumbtackFailed")
    @APIResponse(responseCode = "504", ref = "OAuthThumbtackFailed")
    @APIResponse(responseCode = "404", ref = "OAuthNotEnabled")
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
