package io.ttgateway.lead;

import static io.ttgateway.support.MigrationSchema.sqlStates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ttgateway.support.MigrationSchema;
import io.ttgateway.support.TableLock;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
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

    private static final String PAYLOAD_TABLES = "('lead', 'event', 'lead_update', 'message', 'review', 'v4_delivery')";

    /** "table.column:method" of every column of a table here that PostgreSQL may compress (text, jsonb...). */
    private static final String COMPRESSIBLE_COLUMNS = "select c.relname || '.' || a.attname || ':'"
            + " || a.attcompression::text from pg_attribute a join pg_class c on c.oid = a.attrelid"
            + " where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' and a.attnum > 0"
            + " and not a.attisdropped and a.attstorage in ('x', 'm') and c.relname <> 'flyway_schema_history'";

    private final MigrationSchema schema = new MigrationSchema("tt_v17");

    @AfterEach
    void dropSchema() throws SQLException {
        schema.drop();
    }

    @Test
    void everyValueOfThePayloadTablesCompressesWithLz4AndNoTableKeepsAPageLongTarget() throws SQLException {
        schema.flyway(null).migrate();

        assertThat(schema.rows(COMPRESSIBLE_COLUMNS + " and c.relname in " + PAYLOAD_TABLES)).hasSizeGreaterThan(20)
                .contains("event.data:l", "lead.raw:l", "lead.raw_text:l", "lead.description:l", "lead.details:l", "lead.attachments:l", "lead_update.raw:l",
                        "message.raw:l", "message.text:l", "review.raw:l", "v4_delivery.raw:l", "v4_delivery.raw_text:l")
                .allSatisfy(column -> assertThat(column).endsWith(":l"));
        assertThat(schema.rows(COMPRESSIBLE_COLUMNS + " and c.relname not in " + PAYLOAD_TABLES))
                .isNotEmpty().allSatisfy(column -> assertThat(column).doesNotEndWith(":l"));
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
        assertThat(schema.migrateWhileHolding("lead", Duration.ofSeconds(3), "17")).isTrue();
        assertThat(compression("lead", "raw")).isEqualTo("l");
    }

    /**
     * review, fifth of the six tables, is held throughout: the tables before it are done and released
     * while V17 still waits for it (a writer of lead is not held up), the migration then fails, and after
     * repair the next start does the rest.
     */
    @Test
    void aLockHeldThroughEveryAttemptFailsTheMigrationAndRepairThenCompletesIt() throws Exception {
        schema.flyway("16").migrate();

        try (TableLock holder = schema.holding("review")) {
            CompletableFuture<Void> migration = CompletableFuture.runAsync(() -> schema.flyway(null).migrate());
            await().atMost(Duration.ofSeconds(20)).until(() -> compression("message", "raw").equals("l"));
            // lead was changed in a transaction of its own: a writer waits for no lock V17 still holds
            schema.execute("set lock_timeout = '1s'; " + "insert into lead (lead_id, request_id, category, title,"
                    + " customer_id, business_id, raw) values ('L1', 'R1', 'Painting', 'Painting', 'C1', 'B1', '{}')");

            assertThat(migration).failsWithin(Duration.ofSeconds(60)).withThrowableOfType(ExecutionException.class)
                    .satisfies(failure -> assertThat(sqlStates(failure)).contains("55P03"));
            holder.release();
        }
        assertThat(compression("lead", "raw")).isEqualTo("l");
        assertThat(compression("review", "raw")).isEmpty();
        assertThat(compression("v4_delivery", "raw")).isEmpty();

        // what an operator does after a failed non-transactional migration, then the next start
        Flyway again = schema.flyway(null);
        again.repair();
        again.migrate();

        assertThat(compression("review", "raw")).isEqualTo("l");
        assertThat(compression("v4_delivery", "raw_text")).isEqualTo("l");
        assertThat(schema.rows("select success::text from flyway_schema_history where version = '17'"))
                .containsExactly("true");
    }

    @Test
    void aPayloadStillLongOnceCompressedIsMovedOutOfTheRowAndReadBackUnchanged() throws SQLException {
        // up to V19: V20 keeps a lead's row whole up to a page (LeadRowInlineMigrationTest)
        schema.flyway("19").migrate();
        // ~6.6 KB of hexadecimal: lz4 leaves it well over the ~2 KB a row is brought under
        String payload = "jsonb_build_object('leadID', 'L1', 'request', jsonb_build_object('description',"
                + " (select string_agg(md5(i::text), ' ') from generate_series(1, 200) i)))";

        storeLead("L1", payload);

        assertThat(schema.rows("select pg_column_compression(raw) || ':' || (raw = " + payload + ")::text"
                + " from lead")).containsExactly("lz4:true");
        assertThat(schema.rows("select count(*)::text from pg_toast.pg_toast_" + oid("lead")))
                .singleElement().isNotEqualTo("0");
    }

    @Test
    void aLongTextBesideThePayloadIsCompressedWithLz4Too() throws SQLException {
        schema.flyway(null).migrate();

        schema.execute("insert into lead (lead_id, request_id, category, title, customer_id, business_id, raw,"
                + " description) values ('L1', 'R1', 'Painting', 'Painting', 'C1', 'B1', '{\"leadID\": \"L1\"}',"
                + " repeat('Repaint the kitchen and the hall, two coats. ', 60))");

        assertThat(schema.rows("select pg_column_compression(description) from lead")).containsExactly("lz4");
    }

    @Test
    void runningItAgainOnTablesAlreadyDoneTakesNoLock() throws Exception {
        schema.flyway("17").migrate();
        // as after a failure that came when every table was done: the script runs again from the start
        schema.execute("delete from flyway_schema_history where version = '17'");

        // a lock on lead held throughout: another ALTER of lead would fail after its ten attempts
        try (TableLock holder = schema.holding("lead")) {
            schema.flyway("17").migrate();

            holder.release();
        }
        assertThat(compression("lead", "raw")).isEqualTo("l");
        assertThat(schema.rows("select success::text from flyway_schema_history where version = '17'"))
                .containsExactly("true");
    }

    private void storeLead(String leadId, String rawExpression) throws SQLException {
        schema.execute("insert into lead (lead_id, request_id, category, title, customer_id, business_id, raw)"
                + " values ('" + leadId + "', 'R1', 'Painting', 'Painting', 'C1', 'B1', " + rawExpression + ")");
    }

    private String oid(String table) throws SQLException {
        return schema.rows("select '" + table + "'::regclass::oid::text").get(0);
    }

    /** The column's compression method: "l" for lz4, empty for the server's default. */
    private String compression(String table, String column) throws SQLException {
        return schema.rows("select attcompression::text from pg_attribute where attrelid = '" + table + "'::regclass"
                + " and attname = '" + column + "'").get(0);
    }
}
