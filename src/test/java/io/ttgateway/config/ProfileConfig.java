package io.ttgateway.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;

/**
 * The project's application.properties as a given profile sees it, with a made-up environment and
 * nothing else (not the machine's own variables), so a test sees exactly what a deployment would.
 * Durations use Quarkus' converter, as in the application ("10M" as well as ISO-8601).
 */
final class ProfileConfig {

    private ProfileConfig() {}

    static SmallRyeConfig of(String profile, Map<String, String> environment) {
        URL properties = ProfileConfig.class.getClassLoader().getResource("application.properties");
        try {
            return new SmallRyeConfigBuilder()
                    .addDefaultInterceptors()
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withProfile(profile)
                    .withSources(new PropertiesConfigSource(properties, 250))
                    .withSources(new EnvConfigSource(environment, 300))
                    .withMapping(ThumbtackConfig.class)
                    .withMapping(GatewayConfig.class)
                    // gateway.simulator.* (dev and test only) belongs to the simulator's own mapping.
                    .withMapping(io.ttgateway.simulator.SimulatorConfig.class)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
