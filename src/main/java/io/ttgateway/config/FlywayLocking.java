package io.ttgateway.config;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway's migration lock as a session-level advisory lock instead of one held in an open transaction.
 * With the transactional lock, the connection holding it sits idle in a transaction while a migration
 * runs on another one, and a CREATE INDEX CONCURRENTLY (which waits for every older transaction to end)
 * waits for it forever: start-up hangs (V12).
 */
@Singleton
public class FlywayLocking implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
    }
}
