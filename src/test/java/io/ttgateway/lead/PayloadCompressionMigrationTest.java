package io.ttgateway.lead;

import static io.ttgateway.support.MigrationSchema.rollback;
import static io.ttgateway.support.MigrationSchema.sqlStates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ttgateway.support.MigrationSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * V17: webhook payloads are compressed with lz4 once a row passes ~2 KB (V5 kept them uncompressed up to a
 * page). Each case migrates a schema of its own as Flyway does at start-up; the server here is built with
 * lz4. A case that waits longer than its bound has a wait V17 should not have.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PayloadCompressionMigrationTest {

    /** A lead payload of ~3 KB, as long descriptions make them: over the threshold, and compressible. */
    private static final String LONG_PAYLOAD = "jsonb_build_object('leadID', '%s', 'request',"
            + " jsonb_build_object('description', repeat('Repaint the kitchen and the hall, two coats. ', 60)))";

    private final MigrationSchema schema = new MigrationSchema("tt_v17");

    @AfterEach
    void dropSchema() throws SQLException {
        schema.drop();
    }

    @Test
    void everyPayloadColumnCompressesWithLz4AndNoTableKeepsAPageLongTarget() throws SQLException {
        schema.flyway(null).migrate();

        assertThat(schema.rows("select c.relname || '.' || a.attname from pg_attribute a"
                + " join pg_class c on c.oid = a.attrelid"
                + " where c.relnamespace = current_schema()::regnamespace and a.attcompression = 'l'"
                + " order by 1"))
                .containsExactly("event.data", "lead.raw", "lead.raw_text", "lead_update.raw", "lead_update.raw_text",
                        "message.raw", "message.raw_text", "review.raw", "review.raw_text", "v4_delivery.raw",
                        "v4_delivery.raw_text");
        assertThat(schema.rows("select relname from pg_class where relnamespace = current_schema()::regnamespace"
                + " and array_to_string(reloptions, ',') like '%toast_tuple_target%'")).isEmpty();
    }

    @Test
    void aLongPayloadIsStoredCompressedAndReadBackUnchangedAShortOneAsItIs() throws SQLException {
        schema.flyway(null).migrate();

        storeLead("L1", LONG_PAYLOAD.formatted("L1"));
        storeLead("L2", "'{\"leadID\": \"L2\"}'");

        assertThat(schema.rows("select lead_id || ':' || coalesce(pg_column_compression(raw), 'none') from lead"
                + " order by lead_id")).containsExactly("L1:lz4", "L2:none");
        assertThat(schema.rows("select (raw = " + LONG_PAYLOAD.formatted("L1") + ")::text from lead"
                + " where lead_id = 'L1'")).containsExactly("true");
        assertThat(schema.rows("select (pg_column_size(raw) < octet_length(raw::text) / 2)::text from lead"
                + " where lead_id = 'L1'")).containsExactly("true");
    }

    @Test
    void rowsStoredBeforeKeepTheirFormAndNewOnesAreCompressed() throws SQLException {
        schema.flyway("16").migrate();
        storeLead("L1", LONG_PAYLOAD.formatted("L1"));

        schema.flyway(null).migrate();
        storeLead("L2", LONG_PAYLOAD.formatted("L2"));

        assertThat(schema.rows("select lead_id || ':' || coalesce(pg_column_compression(raw), 'none')"
                + " || ':' || (raw->>'leadID') from lead order by lead_id"))
                .containsExactly("L1:none:L1", "L2:lz4:L2");
    }

    @Test
    void aLockHeldForAWhileDelaysTheChangeWithoutFailingIt() throws Exception {
        schema.flyway("16").migrate();

        // another session's transaction uses lead for ~3 s: the first attempts give up after 2 s each
        try (Connection holder = schema.holding("lead")) {
            CompletableFuture<Void> released = CompletableFuture.runAsync(() -> rollback(holder),
                    CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS));

            schema.flyway(null).migrate();

            assertThat(released).isDone();
        }
        assertThat(compression("lead", "raw")).isEqualTo("l");
    }

    @Test
    void aLockHeldThroughEveryAttemptFailsTheMigrationAndRepairThenCompletesIt() throws Exception {
        schema.flyway("16").migrate();

        try (Connection holder = schema.holding("lead")) {
            assertThatThrownBy(() -> schema.flyway(null).migrate()).isInstanceOf(FlywayException.class)
                    .satisfies(failure -> assertThat(sqlStates(failure)).contains("55P03"));
            holder.rollback();
        }
        assertThat(compression("lead", "raw")).isEmpty();

        // what an operator does after a failed non-transactional migration, then the next start
        Flyway again = schema.flyway(null);
        again.repair();
        again.migrate();

        assertThat(compression("lead", "raw")).isEqualTo("l");
        assertThat(compression("v4_delivery", "raw_text")).isEqualTo("l");
    }

    private void storeLead(String leadId, String rawExpression) throws SQLException {
        schema.execute("insert into lead (lead_id, request_id, category, title, customer_id, business_id, raw)"
                + " values ('" + leadId + "', 'R1', 'Painting', 'Painting', 'C1', 'B1', " + rawExpression + ")");
    }

    /** The column's compression method: "l" for lz4, empty for the server's default. */
    private String compression(String table, String column) throws SQLException {
        return schema.rows("select attcompression::text from pg_attribute where attrelid = '" + table + "'::regclass"
                + " and attname = '" + column + "'").get(0);
    }
}
