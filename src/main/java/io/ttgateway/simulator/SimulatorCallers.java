package io.ttgateway.simulator;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Basic credentials sent to /simulator/… are Thumbtack's business (client id and secret, v1 username
 * and password), not the service's users: the simulator checks them itself. Quarkus authenticates every
 * request that carries credentials (proactive authentication) and would answer 401 before the simulator
 * sees them, so this provider, asked first, accepts them there as a caller without any role. Elsewhere it
 * declines and the service's own realm decides. Like the rest of the package, it is absent from prod builds.
 */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class SimulatorCallers implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    static final String PATH_PREFIX = "/simulator/";

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    /** Ahead of the embedded realm's provider (Elytron's priority is 1001). */
    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing == null || !routing.normalizedPath().startsWith(PATH_PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("simulator-caller"))
                .build());
    }
}
