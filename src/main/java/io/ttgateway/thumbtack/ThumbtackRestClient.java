package io.ttgateway.thumbtack;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Thumbtack's pro-api (thumbtack.api-url). Package-private: callers go through {@link ThumbtackApi},
 * which owns timeouts, retries and the circuit breaker and turns answers into {@link ThumbtackResult}.
 *
 * <p>Every method answers a raw {@code Uni<Response>} whatever the status (the default exception
 * mapper is disabled for this client), so a 4xx is a value, not an exception. The REST client sends
 * the request when the Uni is subscribed, so each subscription is a new request. A null query
 * parameter is left out of the URL. Add further Thumbtack endpoints here (send-message, targeting,
 * create-lead) the same way.
 */
@RegisterRestClient(configKey = "thumbtack")
@Produces(MediaType.APPLICATION_JSON)
interface ThumbtackRestClient {

    /** Both grants: authorization_code (code, redirect_uri) and refresh_token (refresh_token). */
    @POST
    @Path("/v2/tokens/access")
    Uni<Response> tokens(@HeaderParam(HttpHeaders.AUTHORIZATION) String clientBasicAuth,
            @QueryParam("grant_type") String grantType,
            @QueryParam("code") String code,
            @QueryParam("redirect_uri") String redirectUri,
            @QueryParam("refresh_token") String refreshToken,
            @QueryParam("token_type") String tokenType);

    /** The reference asks for a Content-Type on Thumbtack's endpoints, even without a body. */
    @GET
    @Path("/v2/get-thumbtack-info")
    @ClientHeaderParam(name = HttpHeaders.CONTENT_TYPE, value = MediaType.APPLICATION_JSON)
    Uni<Response> thumbtackInfo(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearerAuth);

    @POST
    @Path("/v2/disconnect-partner")
    @ClientHeaderParam(name = HttpHeaders.CONTENT_TYPE, value = MediaType.APPLICATION_JSON)
    Uni<Response> disconnectPartner(@HeaderParam(HttpHeaders.AUTHORIZATION) String clientBasicAuth,
            @QueryParam("business_pk") String businessPk);
}
