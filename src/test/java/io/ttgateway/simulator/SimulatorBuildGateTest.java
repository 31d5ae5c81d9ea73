package io.ttgateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.properties.IfBuildProperty;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Proves, without starting Quarkus, that a prod build cannot contain the simulator: every type of the
 * package is switched by the build property gateway.simulator.enabled, and application.properties turns
 * that property on only for the dev and test profiles.
 */
class SimulatorBuildGateTest {

    private static final String PACKAGE = "io.ttgateway.simulator";
    private static final String PROPERTY = "gateway.simulator.enabled";

    @Test
    void everyTopLevelTypeOfThePackageIsSwitchedByTheBuildProperty() throws Exception {
        List<Class<?>> types = mainTypes();
        List<Class<?>> topLevel = types.stream().filter(t -> t.getEnclosingClass() == null).toList();

        assertThat(topLevel).hasSizeGreaterThan(20)
                .extracting(Class::getSimpleName).contains("ProApiV2Resource", "ControlResource", "SimulatorCallers");
        for (Class<?> type : topLevel) {
            IfBuildProperty gate = type.getAnnotation(IfBuildProperty.class);
            assertThat(gate).as(type.getName() + " carries @IfBuildProperty").isNotNull();
            assertThat(gate.name()).as(type.getName()).isEqualTo(PROPERTY);
            assertThat(gate.stringValue()).as(type.getName()).isEqualTo("true");
            assertThat(gate.enableIfMissing()).as(type.getName()).isFalse();
        }
    }

    @Test
    void nestedTypesDeclareNoBeansOrEndpointsOfTheirOwn() throws Exception {
        for (Class<?> nested : mainTypes().stream().filter(t -> t.getEnclosingClass() != null).toList()) {
            assertThat(frameworkAnnotations(nested.getAnnotations())).as(nested.getName()).isEmpty();
            for (Method method : nested.getDeclaredMethods()) {
                assertThat(frameworkAnnotations(method.getAnnotations())).as(nested.getName() + "." + method.getName())
                        .isEmpty();
            }
        }
    }

    @Test
    void applicationPropertiesEnableTheSimulatorOnlyInDevAndTest() throws IOException {
        List<String> settings = new ArrayList<>();
        List<String> permissions = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#") || !trimmed.contains("=")) {
                    continue;
                }
                String key = trimmed.substring(0, trimmed.indexOf('=')).strip();
                if (key.endsWith(PROPERTY)) {
                    settings.add(trimmed.replace(" ", ""));
                }
                if (key.contains("quarkus.http.auth.permission.simulator.")) {
                    permissions.add(key);
                }
            }
        }
        assertThat(settings).containsExactlyInAnyOrder("%dev." + PROPERTY + "=true", "%test." + PROPERTY + "=true");
        assertThat(permissions).isNotEmpty().allMatch(key -> key.startsWith("%dev.") || key.startsWith("%test."));
    }

    private static List<String> frameworkAnnotations(Annotation[] annotations) {
        return Stream.of(annotations).map(a -> a.annotationType().getName())
                .filter(name -> name.startsWith("jakarta.") || name.startsWith("io.quarkus.")).toList();
    }

    /** The compiled classes of the package in target/classes (not the test classes). */
    private static List<Class<?>> mainTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        URL marker = SimulatorBuildGateTest.class.getClassLoader().getResource("io/ttgateway/simulator/SimClock.class");
        assertThat(marker).isNotNull();
        Path directory = Path.of(marker.toURI()).getParent();
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String simple = file.getFileName().toString().replace(".class", "");
                types.add(Class.forName(PACKAGE + "." + simple.replace('/', '.'), false,
                        SimulatorBuildGateTest.class.getClassLoader()));
            }
        }
        return types;
    }
}
