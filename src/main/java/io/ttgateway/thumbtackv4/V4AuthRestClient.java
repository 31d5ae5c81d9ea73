package io.ttgateway.thumbtackv4;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Thumbtack's v4 OAuth server (thumbtack.v4.auth-url): the token endpoint, with the v4 client's
 * Basic credentials and a form body. Package-private: callers go through {@link ThumbtackV4}.
 */
@RegisterRestClient(configKey = "thumbtack-v4-auth")
@Produces(MediaType.APPLICATION_JSON)
interface V4AuthRestClient {

    @POST
    @Path("/oauth2/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Uni<Response> token(@HeaderParam(HttpHeaders.AUTHORIZATION) String clientBasic,
            MultivaluedMap<String, String> form);
}
