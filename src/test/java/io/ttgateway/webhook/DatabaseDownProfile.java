package io.ttgateway.webhook;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The service started against a database nobody listens on (127.0.0.1:1): no migration at
 * start-up, so the application comes up and every write fails at once.
 */
public class DatabaseDownProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:1/postgres",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/postgres",
                "quarkus.flyway.migrate-at-start", "false");
    }
}
