package io.ttgateway.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ttgateway.support.MigrationSchema;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * V20: a lead's row stays whole in its heap page up to a page; only a row that does not fit one,
 * compressed, has values moved out of line (TOAST). Each case migrates a schema of its own as Flyway
 * does at start-up.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LeadRowInlineMigrationTest {

    /**
     * JSON of about {@code chars} characters that lz4 cannot shrink (hex digits of hashes, no repeats), so
     * the row's size does not depend on how well a sample compresses.
     */
    private static String incompressibleJson(int chars) {
        return "json_build_object('text', (select string_agg(md5(i::text || '%s'), '') from generate_series(1, %d) i))"
                .formatted(chars, chars / 32);
    }

    private static String lead(String leadId, int payloadChars, int eventDataChars) {
        return "insert into lead (lead_id, request_id, category, title, customer_id, business_id, payload,"
                + " received_event_data) select '" + leadId + "', 'R1', 'Painting', 'Painting', 'C1', 'B1', "
                + incompressibleJson(payloadChars) + ", " + incompressibleJson(eventDataChars);
    }

    private final MigrationSchema schema = new MigrationSchema("tt_v20");

    @AfterEach
    void dropSchema() throws SQLException {
        schema.drop();
    }

    /** Every column PostgreSQL could move out of line must be MAIN: one left EXTENDED goes out first. */
    @Test
    void everyVariableLengthColumnOfTheLeadTableIsKeptInItsRow() throws SQLException {
        schema.flyway(null).migrate();

        List<String> columns = schema.rows("select attname || ':' || attstorage::text from pg_attribute"
                + " where attrelid = 'lead'::regclass and attnum > 0 and not attisdropped and attlen = -1");
        assertThat(columns).hasSizeGreaterThan(20).contains("payload:m", "received_event_data:m", "raw:m",
                "details:m", "description:m").allSatisfy(column -> assertThat(column).endsWith(":m"));
    }

    /**
     * A row of ~3 KB (a v4 lead's payload and event data are ~2.5 KB together) went to TOAST before V20
     * and stays in its page after it; a row larger than a page still goes to TOAST, and reads back whole.
     * With lz4 (V17): a server without it keeps V5's page-long target, which held such rows in the page too.
     */
    @Test
    void aRowOfAFewKilobytesStaysInItsPageAndOnlyARowOverAPageGoesOutOfLine() throws SQLException {
        assumeTrue(lz4(), "the server has lz4");
        schema.flyway("19").migrate();
        schema.execute(lead("L1", 1800, 1200));
        assertThat(toastChunks()).isEqualTo(1);

        schema.flyway(null).migrate();
        schema.execute(lead("L2", 1800, 1200));
        schema.execute(lead("L3", 3200, 3200));
        assertThat(toastChunks()).isEqualTo(1);

        schema.execute(lead("L4", 12000, 600));
        assertThat(toastChunks()).isGreaterThan(1);
        assertThat(schema.rows("select lead_id || ' ' || (payload::text = (" + incompressibleJson(12000)
                + ")::text) from lead where lead_id = 'L4'")).containsExactly("L4 true");
    }

    /**
     * A payload still ~3 KB once compressed (a long description beside notes lz4 cannot shrink) is kept
     * compressed in its page; before V20 it went to TOAST.
     */
    @Test
    void aPayloadStillOverTwoKilobytesOnceCompressedIsKeptCompressedInItsPage() throws SQLException {
        assumeTrue(lz4(), "the server has lz4");
        String payload = "json_build_object('description', repeat('a fresh coat of paint ', 400), 'notes', "
                + "(select string_agg(md5(i::text), '') from generate_series(1, 100) i))";
        String insert = "insert into lead (lead_id, request_id, category, title, customer_id, business_id, payload)"
                + " select '%s', 'R1', 'Painting', 'Painting', 'C1', 'B1', " + payload;
        schema.flyway("19").migrate();
        schema.execute(insert.formatted("L1"));
        long before = toastChunks();

        schema.flyway(null).migrate();
        schema.execute(insert.formatted("L2"));

        assertThat(before).isPositive();
        assertThat(toastChunks()).isEqualTo(before);
        assertThat(schema.rows("select lead_id || ' ' || pg_column_compression(payload) || ' '"
                + " || (pg_column_size(payload) between 2100 and 8000) from lead order by lead_id"))
                .containsExactly("L1 lz4 true", "L2 lz4 true");
    }

    @Test
    void aLockHeldForAWhileDelaysTheMigrationWithoutFailingIt() throws Exception {
        schema.flyway("19").migrate();

        // another session's transaction uses lead for ~3 s: the first attempts give up after 2 s each
        assertThat(schema.migrateWhileHolding("lead", Duration.ofSeconds(3), "20")).isTrue();
        assertThat(storage("payload")).isEqualTo("m");
    }

    /** Ten attempts of at most 2 s each, 1 s apart: the start fails within ~30 s, and the next one succeeds. */
    @Test
    void aLockHeldThroughEveryAttemptFailsTheMigrationWithinItsBoundAndChangesNothing() throws Exception {
        schema.flyway("19").migrate();

        schema.failsToMigrateWithinItsLockBound("lead", "20");
        assertThat(storage("payload")).isEqualTo("x");

        schema.flyway("20").migrate();

        assertThat(storage("payload")).isEqualTo("m");
        assertThat(schema.rows("select version from flyway_schema_history where success order by installed_rank desc"
                + " limit 1")).containsExactly("20");
    }

    private long toastChunks() throws SQLException {
        String toast = schema.rows("select reltoastrelid::regclass::text from pg_class where oid = 'lead'::regclass")
                .get(0);
        return Long.parseLong(schema.rows("select count(*) from " + toast).get(0));
    }

    private String storage(String column) throws SQLException {
        return schema.rows("select attstorage::text from pg_attribute where attrelid = 'lead'::regclass"
                + " and attname = '" + column + "'").get(0);
    }

    private boolean lz4() throws SQLException {
        return !schema.rows("select 1 from pg_settings where name = 'default_toast_compression'"
                + " and 'lz4' = any (enumvals)").isEmpty();
    }
}
