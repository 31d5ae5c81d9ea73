package io.ttgateway.telemetry;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Tracing on, as with an OTLP endpoint set, but exported to memory ({@link InMemorySpans}). */
public class TracingProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.otel.sdk.disabled", "false");
    }
}
