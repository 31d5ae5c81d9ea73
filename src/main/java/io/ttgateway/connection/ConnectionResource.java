package io.ttgateway.connection;

import io.smallrye.mutiny.Uni;
import io.ttgateway.common.AnswerDeadline;
import io.ttgateway.common.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Connections for the partner backend (README, Pro connections). Errors: 400/404/409 from the service,
 * 502 when Thumbtack answered an error, 504 when it did not answer in time.
 */
@AnswerDeadline
@Path("/api/v1/connections")
@RolesAllowed("partner")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Connections")
public class ConnectionResource {

    /** Body of POST /api/v1/connections: the code the pro copied from Thumbtack's page. */
    public record ConnectRequest(String code) {}

    private final ConnectionService connections;
    private final ConnectionViews views;

    ConnectionResource(ConnectionService connections, ConnectionViews views) {
        this.connections = connections;
        this.views = views;
    }

    @GET
    public Uni<List<ConnectionView>> list() {
        return connections.list().chain(views::of);
    }

    @GET
    @Path("/{businessId}")
    public Uni<ConnectionView> get(@PathParam("businessId") String businessId) {
        return connections.get(businessId).chain(views::of);
    }

    /** The no-redirect flow: 201 with the connection. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> connect(ConnectRequest request) {
        if (request == null || request.code() == null || request.code().isBlank()) {
            throw InvalidInputException.field("code", "required: the authorization code Thumbtack gave the pro");
        }
        return connections.connectWithCode(request.code().strip(), List.of())
                .map(connection -> Response.created(URI.create("/api/v1/connections/" + connection.businessPk))
                        .entity(ConnectionView.of(connection)).build());
    }

    @POST
    @Path("/{businessId}/refresh")
    public Uni<ConnectionView> refresh(@PathParam("businessId") String businessId) {
        return connections.refresh(businessId).chain(views::of);
    }

    @DELETE
    @Path("/{businessId}")
    public Uni<Response> disconnect(@PathParam("businessId") String businessId) {
        return connections.disconnect(businessId).replaceWith(Response.noContent().build());
    }
}
