package io.ttgateway.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Two answers Vert.x gives before any resource runs, brought in line with the service's error answers:
 * a body declared larger than {@code quarkus.http.limits.max-body-size} gets 413 with the usual
 * {"error", "details"} body (Quarkus' own 413 has none), and the Basic challenge reads
 * {@code WWW-Authenticate: Basic realm="..."} (Quarkus writes the scheme in lower case).
 */
@ApplicationScoped
public class HttpEdge {

    private final long maxBodyBytes;
    private final String tooLargeBody;

    HttpEdge(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize, ObjectMapper mapper) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        try {
            this.tooLargeBody = mapper.writeValueAsString(
                    ApiError.of("request body too large: at most " + maxBodyBytes + " bytes"));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    void install(@Observes Router router) {
        // With the other header handlers, before authentication writes its challenge.
        router.route().order(RouteConstants.ROUTE_ORDER_HEADERS).handler(ctx -> {
            ctx.addHeadersEndHandler(done -> capitaliseBasicChallenge(ctx.response().headers()));
            ctx.next();
        });
        // After authentication, just before Quarkus' own upload limit, so an oversized body is answered here.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::rejectTooLarge);
    }

    private void rejectTooLarge(RoutingContext ctx) {
        if (!declaredTooLarge(ctx.request().getHeader(HttpHeaderNames.CONTENT_LENGTH))) {
            ctx.next();
            return;
        }
        ctx.response().putHeader(HttpHeaderNames.CONNECTION, "close")
                .putHeader(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .setStatusCode(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code())
                .endHandler(done -> ctx.request().connection().close())
                .end(tooLargeBody);
    }

    private boolean declaredTooLarge(String contentLength) {
        if (contentLength == null) {
            return false;
        }
        try {
            return Long.parseLong(contentLength.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static void capitaliseBasicChallenge(MultiMap headers) {
        String challenge = headers.get(HttpHeaderNames.WWW_AUTHENTICATE);
        if (challenge != null && challenge.regionMatches(true, 0, "basic", 0, 5) && !challenge.startsWith("Basic")) {
            headers.set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic" + challenge.substring(5));
        }
    }
}
