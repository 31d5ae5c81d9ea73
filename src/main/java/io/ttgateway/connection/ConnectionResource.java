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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
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
    @Operation(summary = "List the pros' connections", description = "Status, scopes and token expiries; never a "
            + "token.")
    @APIResponse(responseCode = "200", description = "Every connection.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectionView.class,
                    type = SchemaType.ARRAY),
            examples = @ExampleObject(name = "connections", ref = "Connections")))
    public Uni<List<ConnectionView>> list() {
        return connections.list().chain(views::of);
    }

    @GET
    @Path("/{businessId}")
    @Operation(summary = "Read one connection")
    @APIResponse(responseCode = "200", description = "The connection.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectionView.class),
            examples = @ExampleObject(name = "connection", ref = "Connection")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<ConnectionView> get(@PathParam("businessId") String businessId) {
        return connections.get(businessId).chain(views::of);
    }

    /** The no-redirect flow: 201 with the connection. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Connect a pro with an authorization code copied by hand",
            description = "The no-redirect flow: exchanges the code at Thumbtack, reads get-thumbtack-info and stores "
                    + "the connection.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConnectRequest.class),
            examples = @ExampleObject(name = "connectRequest", ref = "ConnectRequest")))
    @APIResponse(responseCode = "201", description = "Connected.", headers = @Header(name = "Location",
            description = "/api/v1/connections/{businessId}",
            schema = @Schema(type = SchemaType.STRING)), content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectionView.class),
            examples = @ExampleObject(name = "connection", ref = "Connection")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "502", ref = "BadGateway")
    @APIResponse(responseCode = "504", ref = "GatewayTimeout")
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
    @Operation(summary = "Refresh the connection's access token now")
    @APIResponse(responseCode = "200", description = "The connection with its new token expiry.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectionView.class),
            examples = @ExampleObject(name = "connection", ref = "Connection")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "502", ref = "BadGateway")
    @APIResponse(responseCode = "504", ref = "GatewayTimeout")
    public Uni<ConnectionView> refresh(@PathParam("businessId") String businessId) {
        return connections.refresh(businessId).chain(views::of);
    }

    @DELETE
    @Path("/{businessId}")
    @Operation(summary = "Disconnect a pro",
            description = "Disconnects at Thumbtack (legacy: disconnect-partner; v4: deletes the service's webhook), "
                    + "erases the tokens, status DISCONNECTED. A repeat answers 204 again.")
    @APIResponse(responseCode = "204", description = "Disconnected.")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "502", ref = "BadGateway")
    @APIResponse(responseCode = "504", ref = "GatewayTimeout")
    public Uni<Response> disconnect(@PathParam("businessId") String businessId) {
        return connections.disconnect(businessId).replaceWith(Response.noContent().build());
    }
}
