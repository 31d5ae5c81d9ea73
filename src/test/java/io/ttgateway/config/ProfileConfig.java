package io.ttgateway.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The project's application.properties as a given profile sees it, with a made-up environment and
 * nothing else (not the machine's own variables), so a test sees exactly what a deployment would.
 * Durations use Quarkus' converter, as in the application ("10M" as well as ISO-8601).
 */
final class ProfileConfig {

    private ProfileConfig() {}

    /** What the packaged application sees under this profile (its application.properties and the environment). */
    static SmallRyeConfig of(String profile, Map<String, String> environment) {
        return build(profile, environment, List.of());
    }

    /** What `./mvnw quarkus:dev` sees: the packaged settings plus the dev-mode-only credentials. */
    static SmallRyeConfig devMode(Map<String, String> environment) {
        return build("dev", environment, DevModeSettings.sources(LaunchMode.DEVELOPMENT, DevModeSettings.FILE));
    }

    private static SmallRyeConfig build(String profile, Map<String, String> environment, List<ConfigSource> extra) {
        URL properties = ProfileConfig.class.getClassLoader().getResource("application.properties");
        try {
            return new SmallRyeConfigBuilder()
                    .addDefaultInterceptors()
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withProfile(profile)
                    .withSources(new PropertiesConfigSource(properties, 250))
                    .withSources(new EnvConfigSource(environment, 300))
                    .withSources(extra)
                    .withMapping(ThumbtackConfig.class)
                    .withMapping(ThumbtackV4Config.class)
                    .withMapping(GatewayConfig.class)
                    // gateway.simulator.* (dev and test only) belongs to the simulator's own mapping.
                    .withMapping(io.ttgateway.simulator.SimulatorConfig.class)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
