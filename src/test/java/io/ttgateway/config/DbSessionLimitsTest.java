package io.ttgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Db;
import io.ttgateway.support.TableLock;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The service's own sessions carry PostgreSQL's lock, statement and idle-in-transaction limits and its
 * TCP keepalive and user timeout for the server side of the connection (sent
 * at connect, so every pooled connection has them); the application_name tells them apart from others.
 */
@QuarkusTest
class DbSessionLimitsTest {

    @Inject
    Db db;

    @Inject
    DataSource flywayDataSource;

    @ParameterizedTest
    @CsvSource({"lock_timeout, 5s", "statement_timeout, 10s", "idle_in_transaction_session_timeout, 30s",
            "tcp_keepalives_idle, 60", "tcp_keepalives_interval, 10", "tcp_keepalives_count, 3", "tcp_user_timeout, 30000"})
    void everyPooledSessionHasTheLimit(String setting, String expected) {
        assertThat(db.one("select current_setting($1)", setting).getString(0)).isEqualTo(expected);
    }

    @Test
    void aLockWaitOnThePoolEndsAtTheLockTimeout() throws Exception {
        try (TableLock holder = TableLock.hold("lead", "access exclusive")) {
            long start = System.nanoTime();
            Throwable failure = null;
            try {
                // bounded here, so that without a lock_timeout the test fails instead of hanging
                CompletableFuture.supplyAsync(() -> db.rows("select count(*) from lead")).get(12, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failure = e.getCause();
            } finally {
                holder.release();
            }
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(failure).as("a read behind ACCESS EXCLUSIVE fails at lock_timeout").isNotNull()
                    .hasMessageContaining("lock timeout");
            assertThat(tookMs).isBetween(4000L, 9000L);
        }
    }

    @Test
    void flywaysJdbcSessionHasNoStatementTimeout() throws Exception {
        // Flyway's datasource gets none of the pool's limits: a long migration (an index on a large table)
        // must not be cut at 10 s; migrations bound their own locks with SET LOCAL lock_timeout.
        try (Connection jdbc = flywayDataSource.getConnection();
                Statement statement = jdbc.createStatement();
                ResultSet rows = statement.executeQuery("show statement_timeout")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("0");
        }
    }
}
