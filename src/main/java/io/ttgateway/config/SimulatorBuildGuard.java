package io.ttgateway.config;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Exists only in a build made with the simulator switch on (gateway.simulator.enabled, a build-time
 * property: dev and test builds, or a package built with -Dquarkus.profile=dev). Such a build serves
 * the anonymous /simulator endpoints, so it refuses a NORMAL (or RUN) launch, i.e. any launch of the
 * packaged application, before
 * anything else starts and before the HTTP server listens; dev mode and tests run it as before.
 */
@ApplicationScoped
@IfBuildProperty(name = "gateway.simulator.enabled", stringValue = "true")
public class SimulatorBuildGuard {

    static final String REFUSAL = "This build contains the Thumbtack simulator (gateway.simulator.enabled was true"
            + " at build time) and runs only in dev mode or tests; build the package without it (the default"
            + " prod profile)";

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        check(LaunchMode.current());
    }

    static void check(LaunchMode mode) {
        if (!mode.isDevOrTest()) {
            throw new IllegalStateException(REFUSAL);
        }
    }
}
