package io.ttgateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ttgateway.config.FlywayLocking;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * A schema of its own for a migration test: migrated by Flyway as the service configures it at start-up, up
 * to a chosen version, then read and written through JDBC sessions of its own (as psql, or another replica,
 * would). Dropped with everything in it by {@link #drop()}.
 */
public final class MigrationSchema {

    private final String name;

    public MigrationSchema(String prefix) {
        this.name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String name() {
        return name;
    }

    /** Flyway as at start-up, migrating up to {@code target} (null: every migration). */
    public Flyway flyway(String target) {
        FluentConfiguration configuration = Flyway.configure().dataSource(JdbcSession.URL, JdbcSession.USER, "")
                .schemas(name).createSchemas(true).locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        new FlywayLocking().customize(configuration);
        return configuration.load();
    }

    public Connection connect() throws SQLException {
        return JdbcSession.open(name);
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of every row, as text. */
    public List<String> rows(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }

    /**
     * A session whose open transaction uses {@code table} (as a long read would): no ALTER of it gets its lock
     * until the lock is released.
     */
    public TableLock holding(String table) throws SQLException {
        return TableLock.hold(name, table, "access share");
    }

    /**
     * Migrates up to {@code target} (null: every migration) while another session's transaction uses
     * {@code table} for {@code held}, then releases it. True when the lock was released before the migration
     * ended: the migration waited for it instead of failing or going around it.
     */
    public boolean migrateWhileHolding(String table, Duration held, String target) throws SQLException {
        try (TableLock holder = holding(table)) {
            CompletableFuture<Void> released = CompletableFuture.runAsync(holder::release,
                    CompletableFuture.delayedExecutor(held.toMillis(), TimeUnit.MILLISECONDS));
            flyway(target).migrate();
            return released.isDone();
        }
    }

    /**
     * Migrates up to {@code target} while another session's transaction uses {@code table} throughout: the
     * migration, which waits for the table's lock in bounded attempts (ten of at most 2 s, 1 s apart), must
     * fail with lock_not_available (55P03) within 25 - 45 s. The lock is released before this returns.
     */
    public void failsToMigrateWithinItsLockBound(String table, String target) throws SQLException {
        try (TableLock holder = holding(table)) {
            Instant started = Instant.now();
            assertThatThrownBy(() -> flyway(target).migrate())
                    .satisfies(failure -> assertThat(sqlStates(failure)).contains("55P03"));
            assertThat(Duration.between(started, Instant.now())).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(45));
            holder.release();
        }
    }

    public void drop() throws SQLException {
        execute("drop schema if exists " + name + " cascade");
    }

    /** The SQLSTATE of every SQLException in a failure's chain of causes, outermost first. */
    public static List<String> sqlStates(Throwable failure) {
        List<String> states = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                states.add(sql.getSQLState());
            }
        }
        return states;
    }
}
