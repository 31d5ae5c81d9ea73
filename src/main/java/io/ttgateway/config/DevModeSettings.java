package io.ttgateway.config;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The public credentials of `./mvnw quarkus:dev` (src/dev/dev-settings.properties), so that dev mode
 * runs with zero configuration while the packaged application carries no dev credential at all. The
 * file is read from the project directory (dev mode's working directory), and only in the DEVELOPMENT
 * launch mode: a packaged application is always launched NORMAL, so QUARKUS_PROFILE=dev there gets
 * nothing from here (and {@link RequiredSettingsGuard} asks it for every prod secret).
 * Registered in META-INF/services/io.smallrye.config.ConfigSourceFactory.
 */
public class DevModeSettings implements ConfigSourceFactory {

    static final Path FILE = Path.of("src", "dev", "dev-settings.properties");

    /** Above application.properties (250), whose plain `key=${VAR:}` would otherwise win over a %dev key here. */
    static final int ORDINAL = 260;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return sources(LaunchMode.current(), FILE);
    }

    static List<ConfigSource> sources(LaunchMode mode, Path file) {
        if (mode != LaunchMode.DEVELOPMENT || !Files.isRegularFile(file)) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(read(file), "dev-mode settings " + file, ORDINAL));
    }

    private static Map<String, String> read(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }
}
