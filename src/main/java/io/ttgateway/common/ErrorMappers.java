package io.ttgateway.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.VertxException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import org.hibernate.HibernateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps the service's expected failures to {"error", "details"} answers. There is deliberately no
 * catch-all: anything else is a bug and gets Quarkus' bare 500 without a stack trace.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        return json(Response.Status.BAD_REQUEST, new ApiError(e.getMessage(), e.details()));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return json(Response.Status.BAD_REQUEST, ApiError.of("malformed JSON body"));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(Response.Status.NOT_FOUND, ApiError.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return json(Response.Status.CONFLICT, ApiError.of(e.getMessage()));
    }

    /** The database refused or could not be reached: nothing was stored, the caller should retry. */
    @ServerExceptionMapper({PersistenceException.class, HibernateException.class, VertxException.class,
        ConnectException.class, StorageUnavailableException.class})
    public Response storageUnavailable(Throwable e) {
        LOG.warnf("storage unavailable, answering 503: %s", StorageUnavailableException.describe(e));
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("storage unavailable, nothing was stored; retry later"))
                .build();
    }

    public static Response json(Response.Status status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
