package io.ttgateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TracingSwitchTest {

    @AfterEach
    void clear() {
        System.clearProperty("quarkus.otel.exporter.otlp.endpoint");
        System.clearProperty("quarkus.otel.exporter.otlp.traces.endpoint");
    }

    @Test
    void withoutAnEndpointTheSdkIsDisabled() {
        assertThat(System.getenv("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT")).isNull();
        assertThat(new TracingSwitch().getValue(TracingSwitch.SDK_DISABLED)).isEqualTo("true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"quarkus.otel.exporter.otlp.endpoint", "quarkus.otel.exporter.otlp.traces.endpoint"})
    void anEndpointTurnsTracingOn(String property) {
        System.setProperty(property, "http://collector.test:4317");
        assertThat(new TracingSwitch().getValue(TracingSwitch.SDK_DISABLED)).isNull();
        assertThat(new TracingSwitch().getPropertyNames()).isEmpty();
    }

    @Test
    void aBlankEndpointIsNoEndpoint() {
        System.setProperty("quarkus.otel.exporter.otlp.endpoint", " ");
        assertThat(new TracingSwitch().getValue(TracingSwitch.SDK_DISABLED)).isEqualTo("true");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "grant_type=refresh_token&refresh_token=r-123&client_secret=s3cr3t|grant_type=REDACTED&refresh_token=REDACTED&client_secret=REDACTED",
        "code=abc&state=xyz|code=REDACTED&state=REDACTED",
        "flag&limit=5|flag&limit=REDACTED"})
    void queryValuesAreRedacted(String pair) {
        String[] parts = pair.split("\\|");
        assertThat(QueryRedaction.redact(parts[0])).isEqualTo(parts[1]);
    }
}
