package io.ttgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A build with the simulator switch on (the test build is one) carries SimulatorBuildGuard, which
 * refuses a NORMAL launch; dev mode and tests run.
 */
@QuarkusTest
class SimulatorBuildGuardTest {

    @Inject
    Instance<SimulatorBuildGuard> guard;

    @ParameterizedTest
    @EnumSource(value = LaunchMode.class, names = {"NORMAL", "RUN"})
    void aLaunchOfTheSimulatorBuildAsAPackagedApplicationIsRefused(LaunchMode mode) {
        assertThatThrownBy(() -> SimulatorBuildGuard.check(mode))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("contains the Thumbtack simulator");
    }

    @ParameterizedTest
    @EnumSource(value = LaunchMode.class, names = {"DEVELOPMENT", "TEST"})
    void devModeAndTestsRun(LaunchMode mode) {
        assertThatCode(() -> SimulatorBuildGuard.check(mode)).doesNotThrowAnyException();
    }

    @Test
    void theGuardIsABeanOfThisSimulatorBuildAndOnlyOfSuchBuilds() {
        assertThat(guard.isResolvable()).as("present in a build with gateway.simulator.enabled=true").isTrue();
        IfBuildProperty gate = SimulatorBuildGuard.class.getAnnotation(IfBuildProperty.class);
        assertThat(gate).isNotNull();
        assertThat(gate.name()).isEqualTo("gateway.simulator.enabled");
        assertThat(gate.stringValue()).isEqualTo("true");
        assertThat(gate.enableIfMissing()).isFalse();
    }
}
