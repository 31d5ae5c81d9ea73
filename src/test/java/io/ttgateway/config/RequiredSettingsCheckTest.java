package io.ttgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The start-up check of a packaged launch, against the real application.properties. */
class RequiredSettingsCheckTest {

    /** The settings README lists as required in prod. */
    static final List<String> REQUIRED = List.of("THUMBTACK_CLIENT_ID", "THUMBTACK_CLIENT_SECRET",
            "THUMBTACK_REDIRECT_URI", "WEBHOOK_PASSWORD", "PARTNER_API_PASSWORD", "TOKEN_ENCRYPTION_KEY");

    @Test
    void prodWithAnEmptyEnvironmentHasNoFallbackAndNamesEveryRequiredSetting() {
        assertThat(RequiredSettingsCheck.missing(ProfileConfig.of("prod", Map.of())))
                .containsExactlyElementsOf(REQUIRED);
    }

    @Test
    void prodWithEverySettingIsComplete() {
        assertThat(RequiredSettingsCheck.missing(ProfileConfig.of("prod", complete()))).isEmpty();
    }

    @Test
    void eachMissingOrBlankSettingIsNamedAlone() {
        for (String name : REQUIRED) {
            Map<String, String> without = complete();
            without.remove(name);
            assertThat(RequiredSettingsCheck.missing(ProfileConfig.of("prod", without))).as(name).containsExactly(name);

            Map<String, String> blank = complete();
            blank.put(name, "   ");
            assertThat(RequiredSettingsCheck.missing(ProfileConfig.of("prod", blank))).as(name).containsExactly(name);
        }
    }

    @Test
    void theStartUpLineNamesEachMissingVariable() {
        String line = RequiredSettingsCheck.message(REQUIRED);
        assertThat(line).startsWith("Missing required setting(s): ");
        REQUIRED.forEach(name -> assertThat(line).contains(name));
        assertThat(RequiredSettingsCheck.message(List.of("WEBHOOK_PASSWORD")))
                .contains("WEBHOOK_PASSWORD").doesNotContain("PARTNER_API_PASSWORD");
    }

    @Test
    void devModeKeepsItsLocalDefaultsForPasswordsAndTheKey() {
        SmallRyeConfig dev = ProfileConfig.devMode(Map.of());
        assertThat(RequiredSettingsCheck.missing(dev)).isEmpty();
        assertThat(dev.getRawValue("quarkus.security.users.embedded.users.thumbtack")).isEqualTo("dev-webhook-password");
        assertThat(dev.getRawValue("quarkus.security.users.embedded.users.partner")).isEqualTo("dev-partner-password");
        assertThat(ProfileConfig.devMode(Map.of("WEBHOOK_PASSWORD", "from-the-environment-1234"))
                .getRawValue("quarkus.security.users.embedded.users.thumbtack")).isEqualTo("from-the-environment-1234");
    }

    /**
     * What is packaged (application.properties) has no dev or test credential under any profile (the test
     * profile's other settings need mappings this helper does not load: ProdStartupIT starts it).
     */
    @ParameterizedTest
    @ValueSource(strings = {"prod", "dev", "staging"})
    void thePackagedSettingsHaveNoCredentialUnderAnyProfile(String profile) {
        assertThat(RequiredSettingsCheck.missing(ProfileConfig.of(profile, Map.of())))
                .contains("THUMBTACK_CLIENT_ID", "THUMBTACK_CLIENT_SECRET", "WEBHOOK_PASSWORD", "PARTNER_API_PASSWORD",
                        "TOKEN_ENCRYPTION_KEY");
        SmallRyeConfig packaged = ProfileConfig.of(profile, Map.of());
        for (String key : List.of("thumbtack.v1-username", "thumbtack.v1-password", "quarkus.datasource.password")) {
            assertThat(packaged.getOptionalValue(key, String.class)).as(key).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "WEBHOOK_PASSWORD        | changeme                               | a placeholder",
            "WEBHOOK_PASSWORD        | CHANGE_ME                              | a placeholder",
            "WEBHOOK_PASSWORD        | Password                               | a placeholder",
            "WEBHOOK_PASSWORD        | REPLACE_WITH_LONG_RANDOM_PASSWORD      | a placeholder",
            "WEBHOOK_PASSWORD        | dev-webhook-password                   | a placeholder",
            "WEBHOOK_PASSWORD        | test-webhook-password                  | a placeholder",
            "WEBHOOK_PASSWORD        | Xy7#kq2!mZ                             | shorter than 16",
            "WEBHOOK_PASSWORD        | 15-characters!!                        | shorter than 16",
            "PARTNER_API_PASSWORD    | dev-partner-password                   | a placeholder",
            "PARTNER_API_PASSWORD    | test-partner-password                  | a placeholder",
            "PARTNER_API_PASSWORD    | replace-me                             | a placeholder",
            "PARTNER_API_PASSWORD    | aB3$                                   | shorter than 16",
            "TOKEN_ENCRYPTION_KEY    | REPLACE_WITH_BASE64_OF_32_RANDOM_BYTES | a placeholder",
            "TOKEN_ENCRYPTION_KEY    | ZGV2LW9ubHktdG9rZW4ta2V5LW5vdC1mb3ItcHJvZCE= | a placeholder",
            "TOKEN_ENCRYPTION_KEY    | dGVzdC1vbmx5LXRva2VuLWtleS1ub3QtZm9yLXByb2Q= | a placeholder",
            "THUMBTACK_CLIENT_ID     | REPLACE_WITH_CLIENT_ID                 | a placeholder",
            "THUMBTACK_CLIENT_SECRET | REPLACE_WITH_CLIENT_SECRET             | a placeholder",
            "THUMBTACK_CLIENT_SECRET | simulator-secret                       | a placeholder",
            "THUMBTACK_CLIENT_SECRET | secret                                 | a placeholder",
            "QUARKUS_DATASOURCE_PASSWORD | REPLACE_WITH_DATABASE_PASSWORD     | a placeholder",
            "THUMBTACK_V1_PASSWORD   | REPLACE_OR_REMOVE                      | a placeholder",
            "THUMBTACK_V1_PASSWORD   | test-v1-password                       | a placeholder"})
    void aPlaceholderPublicOrShortSecretIsNamedInOneLineWithoutItsValue(String variable, String value, String why) {
        Map<String, String> env = complete();
        env.put(variable, value);

        Optional<String> refusal = RequiredSettingsCheck.refusal(lookup(ProfileConfig.of("prod", env)));

        assertThat(refusal).isPresent();
        assertThat(refusal.get()).startsWith("Unsafe setting(s): " + variable + " (" + why)
                .doesNotContain(value).doesNotContain("\n");
        assertThat(RequiredSettingsCheck.unsafe(lookup(ProfileConfig.of("prod", env)))).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"k9#Vq2!mZp7&Lr4@", "a-long-random-password-from-a-vault", "correct horse battery staple"})
    void aLongRandomPasswordIsAccepted(String password) {
        Map<String, String> env = complete();
        env.put("WEBHOOK_PASSWORD", password);
        env.put("PARTNER_API_PASSWORD", password + "2");
        assertThat(RequiredSettingsCheck.refusal(lookup(ProfileConfig.of("prod", env)))).isEmpty();
    }

    @Test
    void everyDevAndTestCredentialIsRefusedInAPackagedLaunch() throws IOException {
        Map<String, String> values = new HashMap<>();
        for (Path file : List.of(DevModeSettings.FILE,
                Path.of("src", "test", "resources", "META-INF", "microprofile-config.properties"))) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
            properties.stringPropertyNames().stream().filter(name -> name.startsWith("%")).forEach(name -> {
                String value = properties.getProperty(name).replaceAll("^\\$\\{[A-Z0-9_]+:(.*)}$", "$1");
                values.put(file + " " + name, value);
            });
        }
        assertThat(values).hasSizeGreaterThanOrEqualTo(14);
        values.forEach((where, value) -> assertThat(RequiredSettingsCheck.placeholderOrPublic(value)).as(where).isTrue());
    }

    @Test
    void bothMissingAndUnsafeSettingsShareTheOneLine() {
        Map<String, String> env = complete();
        env.remove("TOKEN_ENCRYPTION_KEY");
        env.put("WEBHOOK_PASSWORD", "changeme");
        assertThat(RequiredSettingsCheck.refusal(lookup(ProfileConfig.of("prod", env)))).hasValue(
                "Missing required setting(s): TOKEN_ENCRYPTION_KEY; Unsafe setting(s): WEBHOOK_PASSWORD"
                        + " (a placeholder or a public dev/test value) (see README, section Settings)");
    }

    @Test
    void withV4OnItsRedirectUriAndThePublicUrlAreRequiredEachNamedAlone() {
        Map<String, String> v4 = complete();
        v4.put("THUMBTACK_V4_CLIENT_ID", "v4-client-0123456789");
        v4.put("THUMBTACK_V4_CLIENT_SECRET", "v4-secret-0123456789abcdef");
        assertThat(RequiredSettingsCheck.missing(ProfileConfig.of("prod", v4)))
                .containsExactly("THUMBTACK_V4_REDIRECT_URI", "GATEWAY_PUBLIC_URL");

        v4.put("THUMBTACK_V4_REDIRECT_URI", "https://gateway.partner.example/oauth/v4/callback");
        assertThat(RequiredSettingsCheck.refusal(lookup(ProfileConfig.of("prod", v4)))).hasValue(
                "Missing required setting(s): GATEWAY_PUBLIC_URL (see README, section Settings)");

        v4.put("GATEWAY_PUBLIC_URL", "https://gateway.partner.example");
        assertThat(RequiredSettingsCheck.refusal(lookup(ProfileConfig.of("prod", v4)))).isEmpty();
    }

    @Test
    void withV4OffNeitherIsRequired() {
        Map<String, String> halfV4 = complete();
        halfV4.put("THUMBTACK_V4_CLIENT_ID", "v4-client-0123456789");
        assertThat(RequiredSettingsCheck.missing(ProfileConfig.of("prod", halfV4))).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://gateway.partner.example, true",
            "https://gateway.partner.example:8443/base/, true",
            "http://localhost:8080, true",
            "http://127.0.0.1:8080, true",
            "http://gateway.partner.example, false",
            "http://10.0.0.5:8080, false",
            "ftp://gateway.partner.example, false",
            "gateway.partner.example, false"})
    void thePublicUrlIsHttpsUnlessItIsLocal(String url, boolean accepted) {
        assertThat(RequiredSettingsCheck.acceptablePublicUrl(url)).isEqualTo(accepted);
        Map<String, String> env = complete();
        env.put("GATEWAY_PUBLIC_URL", url);
        Optional<String> refusal = RequiredSettingsCheck.refusal(lookup(ProfileConfig.of("prod", env)));
        assertThat(refusal.isEmpty()).isEqualTo(accepted);
        refusal.ifPresent(line -> assertThat(line).contains("GATEWAY_PUBLIC_URL (must be an https URL"));
    }

    private static Function<String, Optional<String>> lookup(SmallRyeConfig config) {
        return key -> config.getOptionalValue(key, String.class);
    }

    static Map<String, String> complete() {
        Map<String, String> env = new HashMap<>();
        REQUIRED.forEach(name -> env.put(name, "value-of-" + name.toLowerCase() + "-0123456789"));
        return env;
    }
}
