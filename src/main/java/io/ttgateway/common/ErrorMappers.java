package io.ttgateway.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
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
    public Response unsupportedMediaType(NotSupportedException e) {
        return json(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                ApiError.of("unsupported content type; send application/json"));
    }

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException e) {
        return Response.status(Response.Status.METHOD_NOT_ALLOWED).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("method not allowed")).allow(e.getResponse().getAllowedMethods()).build();
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return json(Response.Status.NOT_ACCEPTABLE, ApiError.of("this endpoint answers application/json"));
    }

    @ServerExceptionMapper
    public Response notFound(ResourceNotFoundException e) {
        return json(Response.Status.NOT_FOUND, ApiError.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return json(Response.Status.CONFLICT, ApiError.of(e.getMessage()));
    }

    /**
     * The database refused or could not be reached: nothing was stored, the caller should retry.
     * Seen in practice: a refused connection arrives as Netty's AnnotatedConnectException (a
     * ConnectException); a full wait queue as ConnectionPoolTooBusyException (a VertxException);
     * and the pool's wait limit running out (a silent or overloaded database) as Vert.x'
     * NoStackTraceThrowable "Timeout", which is not even an Exception.
     */
    @ServerExceptionMapper({PersistenceException.class, HibernateException.class, VertxException.class,
        ConnectException.class, TimeoutException.class, NoStackTraceThrowable.class,
        StorageUnavailableException.class})
    public Response storageUnavailable(Throwable e) {
        LOG.warnf("storage unavailable, answering 503: %s", StorageUnavailableException.describe(e));
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("storage unavailable, nothing was stored; retry later"))
                .build();
    }

    /**
     * The answer did not come within its deadline (a held lock, a silent database or Thumbtack): 503 and
     * retry. Not "nothing was stored": the work may still finish, and the retry then sees a repeat.
     */
    @ServerExceptionMapper
    public Response deadlineExceeded(DeadlineExceededException e) {
        LOG.warnf("deadline exceeded, answering 503: %s", e.getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("no answer in time; retry later"))
                .build();
    }

    /** The deadline passed while waiting on Thumbtack: an upstream timeout, 504, as when a call times out. */
    @ServerExceptionMapper
    public Response thumbtackDeadlineExceeded(ThumbtackDeadlineExceededException e) {
        LOG.warnf("deadline exceeded waiting on Thumbtack, answering 504: %s", e.getMessage());
        return json(Response.Status.GATEWAY_TIMEOUT, ApiError.of("Thumbtack did not answer in time; what was"
                + " asked of it may still happen there: check before repeating"));
    }

    public static Response json(Response.Status status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
