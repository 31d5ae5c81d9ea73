package io.ttgateway.security;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.ext.web.RoutingContext;

/**
 * Quarkus challenges with a lower-case "basic" scheme. Schemes are case-insensitive, but some
 * clients and the contract expect the canonical `WWW-Authenticate: Basic realm="..."`.
 */
public class BasicChallenge {

    static final String CHALLENGE = "Basic realm=\"thumbtack-gateway\", charset=\"UTF-8\"";

    @RouteFilter(Integer.MAX_VALUE)
    void canonicalChallenge(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> {
            String challenge = context.response().headers().get("WWW-Authenticate");
            if (challenge != null && challenge.regionMatches(true, 0, "basic", 0, 5)) {
                context.response().headers().set("WWW-Authenticate", CHALLENGE);
            }
        });
        context.next();
    }
}
