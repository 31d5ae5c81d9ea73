package io.ttgateway.thumbtackv4;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Thumbtack's v4 API server (thumbtack.v4.api-url), every call with the grant's bearer token.
 * Package-private: callers go through {@link ThumbtackV4}. Every method answers the raw response
 * whatever its status (the default exception mapper is off for this client), so a 4xx is a value.
 */
@RegisterRestClient(configKey = "thumbtack-v4")
@Path("/api/v4")
@Produces(MediaType.APPLICATION_JSON)
interface V4RestClient {

    @GET
    @Path("/users/self")
    Uni<Response> self(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    @GET
    @Path("/businesses")
    Uni<Response> businesses(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    @GET
    @Path("/businesses")
    Uni<Response> businesses(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @QueryParam("limit") int limit,
            @QueryParam("offset") int offset);

    @GET
    @Path("/businesses/{businessId}/webhooks")
    Uni<Response> webhooks(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("businessId") String businessId);

    @POST
    @Path("/businesses/{businessId}/webhooks")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> createWebhook(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("businessId") String businessId, V4WebhookRequest body);

    @PUT
    @Path("/businesses/{businessId}/webhooks/{webhookId}/auth")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> updateWebhookAuth(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("businessId") String businessId, @PathParam("webhookId") String webhookId,
            V4WebhookAuth body);

    @DELETE
    @Path("/businesses/{businessId}/webhooks/{webhookId}")
    Uni<Response> deleteWebhook(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("businessId") String businessId, @PathParam("webhookId") String webhookId);

    @POST
    @Path("/businesses/{businessId}/webhooks/test-negotiation")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> testNegotiation(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("businessId") String businessId);

    @GET
    @Path("/negotiations/{negotiationId}")
    Uni<Response> negotiation(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("negotiationId") String negotiationId);

    @POST
    @Path("/negotiations/{negotiationId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> sendMessage(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("negotiationId") String negotiationId, V4Text body);

    @POST
    @Path("/negotiations/{negotiationId}/job-status")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> jobStatus(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("negotiationId") String negotiationId, V4JobStatus.Body body);

    @GET
    @Path("/businesses/{businessId}/reviews")
    Uni<Response> reviews(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            @PathParam("businessId") String businessId, @QueryParam("limit") int limit,
            @QueryParam("offset") int offset);
}
