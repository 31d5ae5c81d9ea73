package io.ttgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The throw-away values of the AppCDS archive run (the only time the guard adds configuration). */
class RequiredSettingsGuardTest {

    @Test
    void archiveRunPlaceholdersCoverExactlyTheMissingSettings() {
        Map<String, String> values = RequiredSettingsGuard.placeholders(
                List.of("WEBHOOK_PASSWORD", "TOKEN_ENCRYPTION_KEY"));
        assertThat(values).containsOnlyKeys("quarkus.security.users.embedded.users.thumbtack",
                "gateway.token-encryption-key");
        assertThat(values.get("quarkus.security.users.embedded.users.thumbtack")).isNotBlank();
        // TokenCipher accepts it (base64 of 32 bytes) and it is fresh each time, never a fixed key
        assertThat(Base64.getDecoder().decode(values.get("gateway.token-encryption-key"))).hasSize(32);
        assertThat(RequiredSettingsGuard.placeholders(List.of("TOKEN_ENCRYPTION_KEY")))
                .isNotEqualTo(RequiredSettingsGuard.placeholders(List.of("TOKEN_ENCRYPTION_KEY")));
    }

    @Test
    void everyRequiredSettingGetsAValueWhenAllAreMissing() {
        assertThat(RequiredSettingsGuard.placeholders(RequiredSettingsCheckTest.REQUIRED))
                .hasSize(RequiredSettingsCheck.REQUIRED.size())
                .allSatisfy((key, value) -> assertThat(value).isNotBlank());
    }

    @Test
    void onlyTheArchiveRunIsAnArchiveRun() {
        assertThat(System.getProperty("quarkus.appcds.generate")).isNull();
        assertThat(RequiredSettingsCheck.appCdsArchiveRun()).isFalse();
    }
}
