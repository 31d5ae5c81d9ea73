package io.ttgateway.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Stops a prod start-up that lacks a required setting, with one line naming every missing one.
 * Dev and test run with local defaults, so the check only applies to the prod launch mode.
 * {@link RequiredSettingsGuard} runs the same check earlier, while the configuration is built (an
 * empty embedded-realm password would otherwise fail Quarkus' own validation first, with a message
 * that names a Quarkus key instead of the variable); this observer stays as the last line of defence.
 */
@ApplicationScoped
public class RequiredSettingsCheck {

    private static final Logger LOG = Logger.getLogger(RequiredSettingsCheck.class);

    /** Environment variable -> Quarkus key that carries it. */
    static final List<String[]> REQUIRED = List.of(
            new String[] {"THUMBTACK_CLIENT_ID", "thumbtack.client-id"},
            new String[] {"THUMBTACK_CLIENT_SECRET", "thumbtack.client-secret"},
            new String[] {"THUMBTACK_REDIRECT_URI", "thumbtack.redirect-uri"},
            new String[] {"WEBHOOK_PASSWORD", "quarkus.security.users.embedded.users.thumbtack"},
            new String[] {"PARTNER_API_PASSWORD", "quarkus.security.users.embedded.users.partner"},
            new String[] {"TOKEN_ENCRYPTION_KEY", "gateway.token-encryption-key"});

    void onStart(@Observes StartupEvent event, Config config) {
        if (LaunchMode.current() != LaunchMode.NORMAL || appCdsArchiveRun()) {
            return;
        }
        List<String> missing = missing(config);
        if (!missing.isEmpty()) {
            String line = message(missing);
            LOG.error(line);
            throw new IllegalStateException(line);
        }
    }

    /**
     * True in the run that writes the AppCDS archive (quarkus.package.jar.appcds.enabled at build
     * time, or the RUN step of Dockerfile.jvm): Quarkus sets this system property, runs the static
     * initialisation and exits before it reads any setting, opens a connection or serves a request,
     * so there are no secrets to check (the build has none) and the process must not fail for it.
     */
    static boolean appCdsArchiveRun() {
        return Boolean.getBoolean("quarkus.appcds.generate");
    }

    /** The one line that names every missing setting by its environment variable. */
    static String message(List<String> missing) {
        return "Missing required setting(s): " + String.join(", ", missing) + " (see README, section Settings)";
    }

    static List<String> missing(Config config) {
        return missing(key -> config.getOptionalValue(key, String.class));
    }

    /** The environment variable of each required setting whose Quarkus key has no non-blank value. */
    static List<String> missing(Function<String, Optional<String>> lookup) {
        List<String> missing = new ArrayList<>();
        for (String[] setting : REQUIRED) {
            Optional<String> value = lookup.apply(setting[1]);
            if (value.isEmpty() || value.get().isBlank()) {
                missing.add(setting[0]);
            }
        }
        return missing;
    }
}
