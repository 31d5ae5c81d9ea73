package io.ttgateway.thumbtack;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PathParam;
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
 * parameter is left out of the URL. Each endpoint added here gets its own method in ThumbtackApi,
 * naming its guard policy.
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

    /** Send a message to a lead's customer: /v2 with the business's bearer token. */
    @POST
    @Path("/v2/business/{businessId}/lead/{leadId}/message")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> sendMessage(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearerAuth,
            @PathParam("businessId") String businessId, @PathParam("leadId") String leadId, MessageBody body);

    /** The same through /v1 with the partner's v1 Basic credentials. */
    @POST
    @Path("/v1/business/{businessId}/lead/{leadId}/message")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> sendMessageV1(@HeaderParam(HttpHeaders.AUTHORIZATION) String v1BasicAuth,
            @PathParam("businessId") String businessId, @PathParam("leadId") String leadId, MessageBody body);

    /** accountID is "~" as the reference says ("you can pass ~ for now"). */
    @PATCH
    @Path("/v3/accounts/~/services/{serviceId}/preferences/targeting")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> serviceTargeting(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearerAuth,
            @PathParam("serviceId") String serviceId, TargetingBody body);

    @PATCH
    @Path("/v3/accounts/~/services/{serviceId}/categories/{categoryId}/preferences/targeting")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> categoryTargeting(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearerAuth,
            @PathParam("serviceId") String serviceId, @PathParam("categoryId") String categoryId,
            TargetingBody body);

    /** Staging only: creates a dummy business and lead. The body is {"businessID": ...} or {}. */
    @POST
    @Path("/v1/test/create-lead")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> createTestLead(@HeaderParam(HttpHeaders.AUTHORIZATION) String v1BasicAuth,
            java.util.Map<String, String> body);
}
