package io.ttgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The prod start-up check, against the real application.properties in the prod profile. */
class RequiredSettingsCheckTest {

    /** CONTRACT.md section 2: "required in prod". */
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
    void devKeepsItsLocalDefaultsForPasswordsAndTheKey() {
        Map<String, String> none = Map.of();
        assertThat(RequiredSettingsCheck.missing(ProfileConfig.of("dev", none)))
                .doesNotContain("WEBHOOK_PASSWORD", "PARTNER_API_PASSWORD", "TOKEN_ENCRYPTION_KEY",
                        "THUMBTACK_REDIRECT_URI");
    }

    static Map<String, String> complete() {
        Map<String, String> env = new HashMap<>();
        REQUIRED.forEach(name -> env.put(name, "value-of-" + name.toLowerCase()));
        return env;
    }
}
