package io.ttgateway.lead;

import static io.ttgateway.support.MigrationSchema.sqlStates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ttgateway.support.MigrationSchema;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * V19: a lead's payload goes to the json column payload, and a v4 lead's event data to received_event_data;
 * leads stored before keep their payload in raw (jsonb).
 * Each case migrates a schema of its own as Flyway does at start-up.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LeadPayloadJsonMigrationTest {

    private static final String LEAD = "insert into lead (lead_id, request_id, category, title, customer_id, business_id, ";

    private final MigrationSchema schema = new MigrationSchema("tt_v19");

    @AfterEach
    void dropSchema() throws SQLException {
        schema.drop();
    }

    @Test
    void aLeadStoredBeforeKeepsItsJsonbPayloadAndNewOnesTakeTheTextAsGiven() throws SQLException {
        schema.flyway("18").migrate();
        schema.execute(LEAD + "raw) values ('L1', 'R1', 'Painting', 'Painting', 'C1', 'B1', '{\"b\": 1, \"a\": 2}')");

        schema.flyway(null).migrate();
        schema.execute(LEAD + "payload) values ('L2', 'R2', 'Painting', 'Painting', 'C1', 'B1', '{\"b\":1,\"a\":2,\"a\":3}')");

        // jsonb rewrote the first (keys sorted, spaces added); json keeps the second's text, and its
        // operators read the last of a repeated key, as jsonb would have kept it
        assertThat(schema.rows("select lead_id || ' ' || coalesce(raw::text, '-') || ' ' || coalesce(payload::text, '-')"
                + " || ' ' || coalesce(payload->>'a', raw->>'a') from lead order by lead_id"))
                .containsExactly("L1 {\"a\": 2, \"b\": 1} - 2", "L2 - {\"b\":1,\"a\":2,\"a\":3} 3");
        assertThat(schema.rows("select format_type(atttypid, atttypmod) || ' ' || attnotnull from pg_attribute"
                + " where attrelid = 'lead'::regclass and attname in ('payload', 'raw', 'received_event_data')"
                + " order by attname")).containsExactly("json false", "jsonb false", "json false");
    }

    @Test
    void aLeadRowHoldsExactlyOnePayloadAndItMustBeJson() throws SQLException {
        schema.flyway(null).migrate();

        for (String both : new String[] {"'{}', '{}'", "null, null"}) {
            assertThatThrownBy(() -> schema.execute(LEAD + "raw, payload) values ('L1', 'R1', 'Painting', 'Painting',"
                    + " 'C1', 'B1', " + both + ")"))
                    .satisfies(failure -> assertThat(sqlStates(failure)).contains("23514"))
                    .hasMessageContaining("lead_payload_once");
        }
        assertThatThrownBy(() -> schema.execute(LEAD + "payload) values ('L1', 'R1', 'Painting', 'Painting', 'C1', 'B1',"
                + " '{\"a\": 1,}')"))
                .satisfies(failure -> assertThat(sqlStates(failure)).contains("22P02"));
    }

    @Test
    void aLongPayloadIsCompressedWithLz4WhereTheServerHasIt() throws SQLException {
        schema.flyway(null).migrate();
        boolean lz4 = !schema.rows("select 1 from pg_settings where name = 'default_toast_compression'"
                + " and 'lz4' = any (enumvals)").isEmpty();
        schema.execute(LEAD + "payload) select 'L1', 'R1', 'Painting', 'Painting', 'C1', 'B1',"
                + " json_build_object('description', repeat('a fresh coat of paint ', 200))");

        assertThat(schema.rows("select coalesce(pg_column_compression(payload), 'none') from lead"))
                .containsExactly(lz4 ? "lz4" : "pglz");
    }

    @Test
    void aLockHeldForAWhileDelaysTheMigrationWithoutFailingIt() throws Exception {
        schema.flyway("18").migrate();

        // another session's transaction uses lead for ~3 s: the first attempts give up after 2 s each
        assertThat(schema.migrateWhileHolding("lead", Duration.ofSeconds(3), "19")).isTrue();
        assertThat(schema.rows("select count(*)::text from pg_attribute where attrelid = 'lead'::regclass"
                + " and attname = 'payload'")).containsExactly("1");
    }

    /** Ten attempts of at most 2 s each, 1 s apart: the start fails within ~30 s, and the next one succeeds. */
    @Test
    void aLockHeldThroughEveryAttemptFailsTheMigrationWithinItsBoundAndChangesNothing() throws Exception {
        schema.flyway("18").migrate();

        schema.failsToMigrateWithinItsLockBound("lead", "19");
        assertThat(schema.rows("select (count(*) filter (where attname in ('payload', 'received_event_data')))::text"
                + " || ' ' || bool_or(attnotnull and attname = 'raw') from pg_attribute"
                + " where attrelid = 'lead'::regclass")).containsExactly("0 true");

        schema.flyway("19").migrate();

        assertThat(schema.rows("select version from flyway_schema_history where success order by installed_rank desc"
                + " limit 1")).containsExactly("19");
    }
}
