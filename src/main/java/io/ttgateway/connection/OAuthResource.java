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
    public Uni<Response> connect(@QueryParam("scope") String scope) {
        List<String> scopes = flow.scopes(scope).orElse(null);
        if (scopes == null) {
            return Uni.createFrom().item(page(400, OAuthPages.problem("Invalid scope",
                    "scope must be a comma separated list of Thumbtack scopes, e.g. messages,targeting.")));
        }
        return flow.start(scopes).map(url -> noStore(Response.status(Response.Status.FOUND).location(url)).build());
    }

    @GET
    @Path("/callback")
    public Uni<Response> callback(@QueryParam("code") String code, @QueryParam("state") String state,
            @QueryParam("error") String error, @QueryParam("error_description") String errorDescription) {
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
