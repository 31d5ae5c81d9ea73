package io.ttgateway.telemetry;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Traces are off unless an OTLP endpoint is configured: without {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT}
 * (or its traces-only variant, as an environment variable or a system property) this source answers
 * {@code quarkus.otel.sdk.disabled=true}, so no span is recorded and nothing tries to reach the
 * extension's default collector address. Its ordinal is below application.properties and the
 * environment, so an explicit {@code QUARKUS_OTEL_SDK_DISABLED} (or a test profile) still decides.
 */
public class TracingSwitch implements ConfigSource {

    public static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    private static final Set<String> ENDPOINTS = Set.of("quarkus.otel.exporter.otlp.endpoint",
            "quarkus.otel.exporter.otlp.traces.endpoint");

    @Override
    public Map<String, String> getProperties() {
        return endpointConfigured() ? Map.of() : Map.of(SDK_DISABLED, "true");
    }

    @Override
    public Set<String> getPropertyNames() {
        return getProperties().keySet();
    }

    @Override
    public String getValue(String name) {
        return SDK_DISABLED.equals(name) ? getProperties().get(name) : null;
    }

    @Override
    public String getName() {
        return "thumbtack-gateway tracing switch";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }

    static boolean endpointConfigured() {
        for (String property : ENDPOINTS) {
            String env = System.getenv(property.toUpperCase().replace('.', '_'));
            String prop = System.getProperty(property);
            if (env != null && !env.isBlank() || prop != null && !prop.isBlank()) {
                return true;
            }
        }
        return false;
    }
}
