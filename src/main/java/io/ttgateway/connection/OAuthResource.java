package io.ttgateway.connection;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The pro's browser (README, Pro connections): no credentials; protected by the single-use state.
 * Answers are small HTML pages, never cached, never sending the URL (it holds the code) as Referer.
 */
@Path("/oauth")
@PermitAll
@Produces(MediaType.TEXT_HTML)
@Tag(name = "OAuth")
public class OAuthResource {

    private final OAuthFlow flow;

    OAuthResource(OAuthFlow flow) {
        this.flow = flow;
    }

    @GET
    @Path("/connect")
    @Operation(summary = "Start connecting a pro (legacy partner-connect)",
            description = "Redirects the pro's browser to Thumbtack's partner-connect page with a fresh single-use "
                    + "state.")
    @APIResponse(responseCode = "302", description = "To "
            + "THUMBTACK_CONNECT_URL?client_id=...&redirect_uri=...&response_type=code&scope=...&state=...",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = "OAuthProblem")
    public Uni<Response> connect(
            @Parameter(description = "Comma separated Thumbtack scopes, e.g. messages,targeting (default "
                    + "THUMBTACK_SCOPES).")
            @QueryParam("scope") String scope) {
        List<String> scopes = flow.scopes(scope).orElse(null);
        if (scopes == null) {
            return Uni.createFrom().item(page(400, OAuthPages.problem("Invalid scope",
                    "scope must be a comma separated list of Thumbtack scopes, e.g. messages,targeting.")));
        }
        return flow.start(scopes).map(url -> noStore(Response.status(Response.Status.FOUND).location(url)).build());
    }

    @GET
    @Path("/callback")
    @Operation(summary = "Finish connecting a pro (Thumbtack redirects here)",
            description = "Checks state (unknown, reused or expired: 400 and no call to Thumbtack), exchanges the "
                    + "code, reads get-thumbtack-info and stores the connection.")
    @APIResponse(responseCode = "200", ref = "OAuthConnected")
    @APIResponse(responseCode = "400", ref = "OAuthProblem")
    @APIResponse(responseCode = "502", ref = "OAuthThumbtackFailed")
    @APIResponse(responseCode = "504", ref = "OAuthThumbtackFailed")
    public Uni<Response> callback(
            @Parameter(description = "The authorization code Thumbtack added.") @QueryParam("code") String code,
            @Parameter(description = "The state the service sent; single use, valid 10 "
                    + "minutes.") @QueryParam("state") String state,
            @Parameter(description = "Set by Thumbtack when the pro declined.") @QueryParam("error") String error,
            @Parameter(description = "Thumbtack's words for "
                    + "error.") @QueryParam("error_description") String errorDescription) {
        return flow.callback(code, state, error, errorDescription)
                .map(outcome -> page(outcome.status(), outcome.html()));
    }

    static Response page(int status, String html) {
        return noStore(Response.status(status).type(MediaType.TEXT_HTML_TYPE + ";charset=utf-8").entity(html))
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    static Response.ResponseBuilder noStore(Response.ResponseBuilder builder) {
        return builder.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
    }
}
