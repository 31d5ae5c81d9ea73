package io.ttgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.LaunchMode;
import java.util.List;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The dev credentials come from src/dev, in dev mode only; a NORMAL launch (any profile) never gets them. */
class DevModeSettingsTest {

    @ParameterizedTest
    @EnumSource(value = LaunchMode.class, names = "DEVELOPMENT", mode = EnumSource.Mode.EXCLUDE)
    void noOtherLaunchModeReadsTheDevFile(LaunchMode mode) {
        assertThat(DevModeSettings.sources(mode, DevModeSettings.FILE)).isEmpty();
    }

    @Test
    void devModeReadsTheDevFileAboveApplicationProperties() {
        List<ConfigSource> sources = DevModeSettings.sources(LaunchMode.DEVELOPMENT, DevModeSettings.FILE);

        assertThat(sources).hasSize(1);
        ConfigSource dev = sources.get(0);
        assertThat(dev.getOrdinal()).isGreaterThan(250);
        assertThat(dev.getPropertyNames()).isNotEmpty().allMatch(name -> name.startsWith("%dev."))
                .contains("%dev.quarkus.security.users.embedded.users.thumbtack", "%dev.gateway.token-encryption-key");
    }

    @Test
    void withoutTheFileDevModeGetsNothingFromHere() {
        assertThat(DevModeSettings.sources(LaunchMode.DEVELOPMENT, DevModeSettings.FILE.resolveSibling("absent.properties")))
                .isEmpty();
    }
}
