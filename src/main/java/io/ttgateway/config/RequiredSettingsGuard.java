package io.ttgateway.config;

import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Runs {@link RequiredSettingsCheck}'s check (missing and unsafe settings) while the runtime configuration
 * of a NORMAL launch is being built, whatever the profile (QUARKUS_PROFILE=dev gets no dev credentials
 * in a packaged application), before Quarkus validates its own settings. Without it, an unset
 * WEBHOOK_PASSWORD or PARTNER_API_PASSWORD
 * stops a prod start-up with Quarkus' message about an empty embedded-realm property instead of the
 * line naming every missing variable. It adds no configuration of its own, except in the run that
 * writes the AppCDS archive (below).
 * Registered in META-INF/services/io.smallrye.config.ConfigSourceFactory; the build (execution mode
 * UNSET, or STATIC_INIT inside a native-image build) and dev/test launches are left alone.
 *
 * <p>The AppCDS archive run ({@link RequiredSettingsCheck#appCdsArchiveRun()}: started by the build
 * with quarkus.package.jar.appcds.enabled, or by Dockerfile.jvm) has no secrets, and Quarkus builds and
 * validates the runtime configuration before it exits at its archive point (after the beans are
 * created, before any connection is opened or request served). For that run only, every missing
 * required setting gets a random throw-away value (a fresh random 32-byte key for
 * TOKEN_ENCRYPTION_KEY), so the run reaches that point and loads the classes a real start loads.
 */
public class RequiredSettingsGuard implements ConfigSourceFactory {

    /** Above application.properties (250), whose `${VAR:}` gives an empty value, below the environment (300). */
    private static final int ARCHIVE_RUN_ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ExecutionMode.current() == ExecutionMode.RUNTIME_INIT && !LaunchMode.current().isDevOrTest()) {
            Function<String, Optional<String>> lookup =
                    key -> Optional.ofNullable(context.getValue(key)).map(ConfigValue::getValue);
            if (RequiredSettingsCheck.appCdsArchiveRun()) {
                List<String> missing = RequiredSettingsCheck.missing(lookup);
                return missing.isEmpty() ? List.of() : List.of(new PropertiesConfigSource(placeholders(missing),
                        "appcds-archive-run placeholders", ARCHIVE_RUN_ORDINAL));
            }
            Optional<String> refusal = RequiredSettingsCheck.refusal(lookup);
            if (refusal.isPresent()) {
                throw new IllegalStateException(refusal.get());
            }
        }
        return List.of();
    }

    /** Random values for the missing settings (named by environment variable) of the archive run. */
    static Map<String, String> placeholders(List<String> missingVariables) {
        SecureRandom random = new SecureRandom();
        Map<String, String> values = new HashMap<>();
        for (String[] setting : RequiredSettingsCheck.REQUIRED) {
            if (missingVariables.contains(setting[0])) {
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                String value = Base64.getEncoder().encodeToString(bytes);
                values.put(setting[1], setting[0].equals("THUMBTACK_REDIRECT_URI")
                        ? "http://127.0.0.1/appcds-archive-run" : value);
            }
        }
        return values;
    }
}
