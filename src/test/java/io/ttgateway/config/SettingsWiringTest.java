package io.ttgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every setting a deployment sets (README, Settings) reaches the application from a Kubernetes deployment:
 * deploy/k8s/base hands it over (ConfigMap or Secret), application.properties or a @ConfigMapping
 * picks it up in the prod profile, and the operator documentation names it.
 */
class SettingsWiringTest {

    /**
     * The settings the service promises its operators, listed here by hand so that a rename fails this
     * test: each variable with what the prod profile must read from it. "QUARKUS_DATASOURCE_*" is expanded
     * to the ones a deployment sets. Update this list with README's Settings.
     */
    static final Map<String, Function<SmallRyeConfig, Object>> CONTRACT = new LinkedHashMap<>();

    static {
        CONTRACT.put("THUMBTACK_CLIENT_ID", c -> thumbtack(c).clientId().orElse(null));
        CONTRACT.put("THUMBTACK_CLIENT_SECRET", c -> thumbtack(c).clientSecret().orElse(null));
        CONTRACT.put("THUMBTACK_REDIRECT_URI", c -> thumbtack(c).redirectUri().orElse(null));
        CONTRACT.put("THUMBTACK_SCOPES", c -> String.join(",", thumbtack(c).scopes()));
        CONTRACT.put("THUMBTACK_CONNECT_URL", c -> thumbtack(c).connectUrl());
        CONTRACT.put("THUMBTACK_API_URL", c -> thumbtack(c).apiUrl());
        CONTRACT.put("THUMBTACK_V1_USERNAME", c -> thumbtack(c).v1Username().orElse(null));
        CONTRACT.put("THUMBTACK_V1_PASSWORD", c -> thumbtack(c).v1Password().orElse(null));
        CONTRACT.put("THUMBTACK_REFRESH_AHEAD", c -> thumbtack(c).refreshAhead());
        CONTRACT.put("WEBHOOK_PASSWORD", c -> c.getRawValue("quarkus.security.users.embedded.users.thumbtack"));
        CONTRACT.put("PARTNER_API_PASSWORD", c -> c.getRawValue("quarkus.security.users.embedded.users.partner"));
        CONTRACT.put("TOKEN_ENCRYPTION_KEY", c -> c.getConfigMapping(GatewayConfig.class).tokenEncryptionKey().orElse(null));
        CONTRACT.put("QUARKUS_DATASOURCE_REACTIVE_URL", c -> c.getRawValue("quarkus.datasource.reactive.url"));
        CONTRACT.put("QUARKUS_DATASOURCE_JDBC_URL", c -> c.getRawValue("quarkus.datasource.jdbc.url"));
        CONTRACT.put("QUARKUS_DATASOURCE_USERNAME", c -> c.getRawValue("quarkus.datasource.username"));
        CONTRACT.put("QUARKUS_DATASOURCE_PASSWORD", c -> c.getRawValue("quarkus.datasource.password"));
        CONTRACT.put("QUARKUS_HTTP_PORT", c -> c.getRawValue("quarkus.http.port"));
    }

    /**
     * Kept in the Secret, never in the ConfigMap: the contract's secrets, plus the service's own
     * GATEWAY_PREVIOUS_TOKEN_ENCRYPTION_KEYS (old keys during a rotation).
     */
    static final Set<String> SECRET = Set.of("THUMBTACK_CLIENT_ID", "THUMBTACK_CLIENT_SECRET", "WEBHOOK_PASSWORD",
            "PARTNER_API_PASSWORD", "TOKEN_ENCRYPTION_KEY", "QUARKUS_DATASOURCE_PASSWORD", "THUMBTACK_V1_USERNAME",
            "THUMBTACK_V1_PASSWORD", "GATEWAY_PREVIOUS_TOKEN_ENCRYPTION_KEYS");

    /** Values the prod profile must take from each variable (and that no default equals). */
    static final Map<String, Object> SAMPLE = Map.of(
            "THUMBTACK_SCOPES", "messages,targeting",
            "THUMBTACK_REFRESH_AHEAD", "PT7M",
            "QUARKUS_HTTP_PORT", "8181");

    private static final Pattern SECRET_REF = Pattern.compile(
            "- name: (\\w+)\\s+valueFrom:\\s+secretKeyRef:\\s+name: thumbtack-gateway\\s+key: (\\w+)");

    @Test
    void theProdProfileReadsEverySettingFromItsVariable() {
        Map<String, String> environment = new LinkedHashMap<>();
        CONTRACT.keySet().forEach(name -> environment.put(name, sample(name)));
        SmallRyeConfig config = ProfileConfig.of("prod", environment);

        for (Map.Entry<String, Function<SmallRyeConfig, Object>> setting : CONTRACT.entrySet()) {
            Object read = setting.getValue().apply(config);
            Object expected = setting.getKey().equals("THUMBTACK_REFRESH_AHEAD")
                    ? Duration.ofMinutes(7) : sample(setting.getKey());
            assertThat(read).as(setting.getKey()).isEqualTo(expected);
        }
    }

    @Test
    void theBaseHandsEverySettingOverEachSecretFromTheSecretOnly() throws IOException {
        Set<String> configMap = configMapKeys();
        Map<String, String> secretRefs = secretRefs();

        for (String name : CONTRACT.keySet()) {
            if (SECRET.contains(name)) {
                assertThat(secretRefs).as(name + " from the Secret").containsEntry(name, name);
                assertThat(configMap).as(name + " must not be in the ConfigMap").doesNotContain(name);
            } else {
                assertThat(configMap).as(name + " in base/config.env").contains(name);
            }
        }
        assertThat(secretRefs.keySet()).as("only known secrets are read from the Secret")
                .isSubsetOf(SECRET);
    }

    @Test
    void theSecretExampleHasExactlyTheReferencedKeysAndOnlyPlaceholders() throws IOException {
        String example = read("deploy/k8s/secret.example.yaml");
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^  ([A-Z0-9_]+): \"([^\"]*)\"$").matcher(example);
        while (m.find()) {
            values.put(m.group(1), m.group(2));
        }
        assertThat(values.keySet()).containsExactlyInAnyOrderElementsOf(secretRefs().keySet());
        values.forEach((key, value) -> assertThat(value).as(key).startsWith("REPLACE"));
        for (String kustomization : List.of("deploy/k8s/base/kustomization.yaml",
                "deploy/k8s/overlays/staging/kustomization.yaml", "deploy/k8s/overlays/production/kustomization.yaml")) {
            assertThat(read(kustomization)).as(kustomization + " must not apply the example")
                    .doesNotContainPattern("(?m)^\\s*-\\s*\\S*secret\\.example");
        }
    }

    @Test
    void theOperatorDocumentationNamesEverySettingAndEverySecretKey() throws IOException {
        String deployDoc = read("docs/deploy.md");
        for (String key : secretRefs().keySet()) {
            assertThat(deployDoc).as("kubectl create secret ... --from-literal for " + key)
                    .contains("--from-literal=" + key + "=");
        }
        // README.md is written separately; once it exists it must list every setting too.
        Path readme = Path.of("README.md");
        String docs = deployDoc + (Files.exists(readme) ? Files.readString(readme) : "");
        Set<String> missing = new TreeSet<>();
        for (String name : CONTRACT.keySet()) {
            if (!docs.contains(name)) {
                missing.add(name);
            }
        }
        assertThat(missing).as("settings not named in docs/deploy.md or README.md").isEmpty();
    }

    private static String sample(String name) {
        return (String) SAMPLE.getOrDefault(name, "from-env-" + name.toLowerCase().replace('_', '-'));
    }

    private static ThumbtackConfig thumbtack(SmallRyeConfig config) {
        return config.getConfigMapping(ThumbtackConfig.class);
    }

    private static Set<String> configMapKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String line : read("deploy/k8s/base/config.env").lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                keys.add(line.substring(0, line.indexOf('=')).trim());
            }
        }
        return keys;
    }

    /** Environment variable -> Secret key, from the base Deployment's secretKeyRefs. */
    private static Map<String, String> secretRefs() throws IOException {
        Map<String, String> refs = new LinkedHashMap<>();
        Matcher m = SECRET_REF.matcher(read("deploy/k8s/base/deployment.yaml"));
        while (m.find()) {
            refs.put(m.group(1), m.group(2));
        }
        assertThat(refs).as("secretKeyRefs found in deployment.yaml").isNotEmpty();
        return refs;
    }

    private static String read(String path) throws IOException {
        return Files.readString(Path.of(path));
    }
}
