package io.ttgateway.thumbtack;

import io.ttgateway.common.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** {@link ThumbtackCallException} -> 502/504 with the usual {"error", "details"} body. */
public class ThumbtackErrorMapper {

    @ServerExceptionMapper
    public Response thumbtackFailed(ThumbtackCallException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(e.getMessage())).build();
    }
}
