package io.ttgateway.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Stops a start-up of the packaged application (launch mode NORMAL, whatever the profile) that lacks a
 * required setting or has an unsafe one, with one line naming each such setting by its environment
 * variable, never its value. Unsafe: a placeholder (the values of deploy/k8s/secret.example.yaml,
 * "changeme", ...), one of the public dev and test credentials, or a password shorter than
 * {@value #MIN_PASSWORD_LENGTH} characters. Dev mode and tests run with local values and are not checked.
 * {@link RequiredSettingsGuard} runs the same check earlier, while the configuration is built (an
 * empty embedded-realm password would otherwise fail Quarkus' own validation first, with a message
 * that names a Quarkus key instead of the variable); this observer stays as the last line of defence.
 */
@ApplicationScoped
public class RequiredSettingsCheck {

    private static final Logger LOG = Logger.getLogger(RequiredSettingsCheck.class);

    /** Basic passwords are guessed over the network: at least this long. */
    static final int MIN_PASSWORD_LENGTH = 16;

    /** Environment variable -> Quarkus key that carries it. */
    static final List<String[]> REQUIRED = List.of(
            new String[] {"THUMBTACK_CLIENT_ID", "thumbtack.client-id"},
            new String[] {"THUMBTACK_CLIENT_SECRET", "thumbtack.client-secret"},
            new String[] {"THUMBTACK_REDIRECT_URI", "thumbtack.redirect-uri"},
            new String[] {"WEBHOOK_PASSWORD", "quarkus.security.users.embedded.users.thumbtack"},
            new String[] {"PARTNER_API_PASSWORD", "quarkus.security.users.embedded.users.partner"},
            new String[] {"TOKEN_ENCRYPTION_KEY", "gateway.token-encryption-key"});

    /** Required as well while Thumbtack v4 is on (its client id and secret both set). */
    static final List<String[]> REQUIRED_WITH_V4 = List.of(
            new String[] {"THUMBTACK_V4_REDIRECT_URI", "thumbtack.v4.redirect-uri"},
            new String[] {"GATEWAY_PUBLIC_URL", "gateway.public-url"});

    /** How strictly a secret's value is checked (when it is set; whether it must be set is {@link #REQUIRED}). */
    enum Strength {
        /** Given by someone else (Thumbtack, the DBA): no placeholder, no public value. */
        NOT_A_PLACEHOLDER,
        /** Chosen by the operator for HTTP Basic: also at least {@value #MIN_PASSWORD_LENGTH} characters. */
        LONG_PASSWORD
    }

    record Secret(String variable, String key, Strength strength) {}

    static final List<Secret> SECRETS = List.of(
            new Secret("THUMBTACK_CLIENT_ID", "thumbtack.client-id", Strength.NOT_A_PLACEHOLDER),
            new Secret("THUMBTACK_CLIENT_SECRET", "thumbtack.client-secret", Strength.NOT_A_PLACEHOLDER),
            new Secret("WEBHOOK_PASSWORD", "quarkus.security.users.embedded.users.thumbtack", Strength.LONG_PASSWORD),
            new Secret("PARTNER_API_PASSWORD", "quarkus.security.users.embedded.users.partner", Strength.LONG_PASSWORD),
            new Secret("TOKEN_ENCRYPTION_KEY", "gateway.token-encryption-key", Strength.NOT_A_PLACEHOLDER),
            new Secret("QUARKUS_DATASOURCE_PASSWORD", "quarkus.datasource.password", Strength.NOT_A_PLACEHOLDER),
            new Secret("THUMBTACK_V1_USERNAME", "thumbtack.v1-username", Strength.NOT_A_PLACEHOLDER),
            new Secret("THUMBTACK_V1_PASSWORD", "thumbtack.v1-password", Strength.NOT_A_PLACEHOLDER),
            new Secret("THUMBTACK_V4_CLIENT_ID", "thumbtack.v4.client-id", Strength.NOT_A_PLACEHOLDER),
            new Secret("THUMBTACK_V4_CLIENT_SECRET", "thumbtack.v4.client-secret", Strength.NOT_A_PLACEHOLDER));

    /** Placeholders, compared in lower case with everything but letters and digits removed. */
    private static final Set<String> PLACEHOLDERS = Set.of("changeme", "changeit", "replaceme", "password",
            "secret", "example", "todo", "fixme", "default", "admin", "test", "none", "null", "xxx");
    /** Prefixes of the placeholders in deploy/k8s/secret.example.yaml (normalised as above). */
    private static final List<String> PLACEHOLDER_PREFIXES = List.of("replacewith", "replaceor", "changeme");

    /**
     * SHA-256 of the public credentials of dev mode (src/dev/dev-settings.properties) and of the tests
     * (src/test/resources/META-INF/microprofile-config.properties). Only digests: the packaged
     * application must not contain those values, not even to recognise them.
     */
    private static final Set<String> PUBLIC_VALUE_DIGESTS = Set.of(
            "3bc60440e7fad5bf2d9bb6cbff7be2b459fb34eb2ded9f48ee53f0b9e4adbe52",
            "1c187955f2dd19ca7dc092ed0e6d729ced6995a34545e7c31ee32d13bd2a3ffc",
            "2316cf049053c06e226bc978845a45ea562c1eb1917401bc14f9d5f11d6865ee",
            "ce3e3ab241a7282b99d9b56bb36be4178493fac1b32fe9e6576cbc55a7ffebf2",
            "8088ec55d19f10c7ee6a2066e3a4a68079d9532072decfc983023dace794fec3",
            "74ff22bdb213a120eccacab54732e63c6dc7b461205bed0efbdd60aa740d84e8",
            "3b7e59a8e4cba283877e26616880b9f6f57f8ff06b5bba69038147ec52b4bd24",
            "5fc0076732b21dc1b260e28b20ce57cae3b99d3b1fa4b999032354830c65feff",
            "c5b1bb81a3f5d8c81da198c7220390e6d044989a51f777e64315b0227831c8f1",
            "ecd1558572228034ab9251435b3c7f0b3d856b10dfb691c7ff764358f2c6b622",
            "6e2629a4d51082e497c937bd5af0903fbed332c631244c6188cdcc02902b9c55",
            "6ca801bb63ac1306a13937e53410bc0bc269a33292d8ae8faa5f9f0243da6c77",
            "0b7594082013c148c38dd5ace75c916920ebdf31b4799f20f78a17cfd6e9879e",
            "4953eafc5f6322575f4f03fef5a877cd8f8c7d8fd040d91157ddeeb145e6fa32");

    void onStart(@Observes StartupEvent event, Config config) {
        if (LaunchMode.current().isDevOrTest() || appCdsArchiveRun()) {
            return;
        }
        Optional<String> refusal = refusal(key -> config.getOptionalValue(key, String.class));
        if (refusal.isPresent()) {
            LOG.error(refusal.get());
            throw new IllegalStateException(refusal.get());
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

    /** The one line naming every missing and every unsafe setting, or empty when all are fine. */
    static Optional<String> refusal(Function<String, Optional<String>> lookup) {
        List<String> missing = missing(lookup);
        List<String> unsafe = unsafe(lookup);
        if (missing.isEmpty() && unsafe.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(message(missing, unsafe));
    }

    /** The one line that names every missing setting by its environment variable. */
    static String message(List<String> missing) {
        return message(missing, List.of());
    }

    static String message(List<String> missing, List<String> unsafe) {
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("Missing required setting(s): " + String.join(", ", missing));
        }
        if (!unsafe.isEmpty()) {
            parts.add("Unsafe setting(s): " + String.join(", ", unsafe));
        }
        return String.join("; ", parts) + " (see README, section Settings)";
    }

    static List<String> missing(Config config) {
        return missing(key -> config.getOptionalValue(key, String.class));
    }

    /** The environment variable of each required setting whose Quarkus key has no non-blank value. */
    static List<String> missing(Function<String, Optional<String>> lookup) {
        List<String> missing = new ArrayList<>();
        addMissing(REQUIRED, lookup, missing);
        if (v4On(lookup)) {
            addMissing(REQUIRED_WITH_V4, lookup, missing);
        }
        return missing;
    }

    private static void addMissing(List<String[]> settings, Function<String, Optional<String>> lookup,
            List<String> missing) {
        for (String[] setting : settings) {
            if (blank(lookup.apply(setting[1]))) {
                missing.add(setting[0]);
            }
        }
    }

    /** v4 is on when both halves of its client are set (ThumbtackV4Config.enabled()). */
    static boolean v4On(Function<String, Optional<String>> lookup) {
        return !blank(lookup.apply("thumbtack.v4.client-id")) && !blank(lookup.apply("thumbtack.v4.client-secret"));
    }

    private static boolean blank(Optional<String> value) {
        return value.isEmpty() || value.get().isBlank();
    }

    /**
     * Whether Thumbtack may be given this base URL for webhooks: https, or http for a local run only
     * (localhost, 127.0.0.1, [::1]): deliveries carry Basic credentials, never in clear over a network.
     */
    static boolean acceptablePublicUrl(String value) {
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            if (host.isEmpty()) {
                return false;
            }
            return scheme.equals("https") || (scheme.equals("http")
                    && Set.of("localhost", "127.0.0.1", "[::1]").contains(host));
        } catch (URISyntaxException malformed) {
            return false;
        }
    }

    /** Each set secret that must not be used, as "VARIABLE (why)"; the value itself is never part of it. */
    static List<String> unsafe(Function<String, Optional<String>> lookup) {
        List<String> unsafe = new ArrayList<>();
        for (Secret secret : SECRETS) {
            Optional<String> value = lookup.apply(secret.key()).filter(v -> !v.isBlank());
            if (value.isEmpty()) {
                continue;
            }
            if (placeholderOrPublic(value.get())) {
                unsafe.add(secret.variable() + " (a placeholder or a public dev/test value)");
            } else if (secret.strength() == Strength.LONG_PASSWORD && value.get().length() < MIN_PASSWORD_LENGTH) {
                unsafe.add(secret.variable() + " (shorter than " + MIN_PASSWORD_LENGTH + " characters)");
            }
        }
        Optional<String> publicUrl = lookup.apply("gateway.public-url").filter(v -> !v.isBlank());
        if (publicUrl.isPresent() && !acceptablePublicUrl(publicUrl.get())) {
            unsafe.add("GATEWAY_PUBLIC_URL (must be an https URL; http only for localhost or 127.0.0.1)");
        }
        return unsafe;
    }

    static boolean placeholderOrPublic(String value) {
        String normalised = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return PLACEHOLDERS.contains(normalised)
                || PLACEHOLDER_PREFIXES.stream().anyMatch(normalised::startsWith)
                || PUBLIC_VALUE_DIGESTS.contains(sha256(value.strip()));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
