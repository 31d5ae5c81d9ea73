package io.ttgateway.config;

import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Runs {@link RequiredSettingsCheck}'s check while the runtime configuration is being built, before
 * Quarkus validates its own settings. Without it, an unset WEBHOOK_PASSWORD or PARTNER_API_PASSWORD
 * stops a prod start-up with Quarkus' message about an empty embedded-realm property instead of the
 * line naming every missing variable. It adds no configuration of its own.
 * Registered in META-INF/services/io.smallrye.config.ConfigSourceFactory; the build (execution mode
 * UNSET, or STATIC_INIT inside a native-image build) and dev/test launches are left alone.
 */
public class RequiredSettingsGuard implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ExecutionMode.current() == ExecutionMode.RUNTIME_INIT && LaunchMode.current() == LaunchMode.NORMAL) {
            List<String> missing = RequiredSettingsCheck.missing(
                    key -> Optional.ofNullable(context.getValue(key)).map(ConfigValue::getValue));
            if (!missing.isEmpty()) {
                throw new IllegalStateException(RequiredSettingsCheck.message(missing));
            }
        }
        return List.of();
    }
}
