package io.ttgateway.config;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Flyway's default lock on PostgreSQL is an advisory lock held by an open transaction for the whole
 * migration. CREATE INDEX CONCURRENTLY waits for every transaction older than itself to end, that one
 * included, and would wait forever. A session-level advisory lock serialises replicas starting at once
 * just as well and holds no transaction open.
 */
@Singleton
public class FlywayLocking implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
    }
}
