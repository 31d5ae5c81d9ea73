package io.ttgateway.lead;

import static io.ttgateway.support.MigrationSchema.sqlStates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ttgateway.support.MigrationSchema;
import io.ttgateway.support.TableLock;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * V16 gives lead_detail and lead_attachment the key (lead_id, position) in place of their generated id's, on
 * tables that already hold rows, while the service (and, during a rolling upgrade, its previous build) may be
 * writing. Each case migrates a schema of its own to V15, stores a lead there as V15 had it, then runs V16 (and
 * no later migration) as Flyway does at start-up. A case that waits longer than its bound has a wait V16
 * should not have.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LeadPartKeysMigrationTest {

    private final MigrationSchema schema = new MigrationSchema("tt_v16");

    @AfterEach
    void dropSchema() throws SQLException {
        schema.drop();
    }

    @Test
    void existingRowsKeepTheirPartsUnderTheNewKeys() throws SQLException {
        flyway("15").migrate();
        storeLeadAsV15();

        flyway("16").migrate();

        assertKeyedByLeadAndPosition();
        assertThat(rows("select lead_id || ':' || position || ':' || question from lead_detail order by position"))
                .containsExactly("L1:0:When?", "L1:1:Where?");
        assertThat(rows("select lead_id || ':' || position || ':' || file_name from lead_attachment"))
                .containsExactly("L1:0:kitchen.jpg");
        // the previous build, serving while a rolling upgrade runs, still reads and writes the id it maps
        assertThat(rows("select id::text from lead_detail order by position")).hasSize(2).doesNotContainNull();
        execute("insert into lead_attachment (lead_id, position, file_name, file_size, mime_type, url)"
                + " values ('L1', 1, 'plan.pdf', 2048, 'application/pdf', 'https://files.test/2')");
        assertThat(rows("select id::text from lead_attachment where position = 1")).doesNotContainNull().hasSize(1);
        // the key still refuses a second part at one position, and the lead's foreign key still holds
        assertThatThrownBy(() -> execute("insert into lead_detail (lead_id, position, question, answer)"
                + " values ('L1', 1, 'again', 'again')"))
                .satisfies(refused -> assertThat(sqlStates(refused)).containsExactly("23505")); // unique_violation
        assertThatThrownBy(() -> execute("insert into lead_attachment (lead_id, position, file_name, file_size,"
                + " mime_type, url) values ('nobody', 0, 'f', 1, 'm', 'u')"))
                .satisfies(refused -> assertThat(sqlStates(refused)).containsExactly("23503")); // foreign_key_violation
    }

    @Test
    void runningItAgainOnTablesAlreadyDoneChangesNothing() throws SQLException {
        flyway("16").migrate();
        storeLeadAsV15();
        // as after a failure that came when the keys were already swapped: every statement runs again
        execute("delete from flyway_schema_history where version = '16'");

        flyway("16").migrate();

        assertKeyedByLeadAndPosition();
        assertThat(rows("select count(*)::text from lead_detail")).containsExactly("2");
    }

    @Test
    void aLockHeldForAWhileDelaysTheSwapWithoutFailingIt() throws Exception {
        flyway("15").migrate();
        storeLeadAsV15();

        // another session's transaction uses lead_attachment for ~3 s: the first attempts give up after 2 s
        // each, a later one gets the locks
        assertThat(schema.migrateWhileHolding("lead_attachment", Duration.ofSeconds(3), "16")).isTrue();
        assertKeyedByLeadAndPosition();
    }

    @Test
    void aLockHeldThroughEveryAttemptFailsTheMigrationAndRepairThenCompletesIt() throws Exception {
        flyway("15").migrate();
        storeLeadAsV15();

        try (TableLock holder = holdingLeadAttachment()) {
            assertThatThrownBy(() -> flyway("16").migrate()).isInstanceOf(FlywayException.class)
                    .satisfies(failure -> assertThat(sqlStates(failure)).contains("55P03"));
            holder.release();
        }
        // the keys of both tables are swapped in one transaction: neither was
        assertThat(primaryKey("lead_detail")).isEqualTo("id");
        assertThat(primaryKey("lead_attachment")).isEqualTo("id");

        // what an operator does after a failed non-transactional migration, then the next start
        Flyway again = flyway("16");
        again.repair();
        again.migrate();

        assertKeyedByLeadAndPosition();
        assertThat(rows("select count(*)::text from lead_detail")).containsExactly("2");
        assertThat(rows("select count(*)::text from lead_attachment")).containsExactly("1");
    }

    @Test
    void anInvalidIndexLeftByAnInterruptedBuildIsBuiltAgain() throws SQLException {
        flyway("15").migrate();
        storeLeadAsV15();
        // what a concurrent build leaves when it fails half-way: an index PostgreSQL does not use
        execute("create unique index lead_detail_key_build on lead_detail (lead_id, position)");
        execute("update pg_index set indisvalid = false where indexrelid = 'lead_detail_key_build'::regclass");

        flyway("16").migrate();

        assertKeyedByLeadAndPosition();
        assertThat(rows("select indisvalid::text from pg_index where indexrelid = 'lead_detail_pkey'::regclass"))
                .containsExactly("true");
    }

    /** The pair is each table's primary key, and its index the table's only one (no id index, no build left over). */
    private void assertKeyedByLeadAndPosition() throws SQLException {
        assertThat(primaryKey("lead_detail")).isEqualTo("lead_id,position");
        assertThat(primaryKey("lead_attachment")).isEqualTo("lead_id,position");
        assertThat(rows("select indexname from pg_indexes where schemaname = current_schema()"
                + " and tablename in ('lead_detail', 'lead_attachment') order by indexname"))
                .containsExactly("lead_attachment_pkey", "lead_detail_pkey");
    }

    private Flyway flyway(String target) {
        return schema.flyway(target);
    }

    private void storeLeadAsV15() throws SQLException {
        execute("insert into lead (lead_id, request_id, category, title, customer_id, business_id, raw)"
                + " values ('L1', 'R1', 'Plumbing', 'Plumbing', 'C1', 'B1', '{}')");
        execute("insert into lead_detail (lead_id, position, question, answer)"
                + " values ('L1', 0, 'When?', 'Soon'), ('L1', 1, 'Where?', 'Here')");
        execute("insert into lead_attachment (lead_id, position, file_name, file_size, mime_type, url)"
                + " values ('L1', 0, 'kitchen.jpg', 1024, 'image/jpeg', 'https://files.test/1')");
    }

    /** A session whose open transaction uses lead_attachment (as a long read would): no ALTER gets it meanwhile. */
    private TableLock holdingLeadAttachment() throws SQLException {
        return schema.holding("lead_attachment");
    }

    private String primaryKey(String table) throws SQLException {
        return String.join(",", rows("select a.attname from pg_index i"
                + " join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)"
                + " where i.indrelid = '" + table + "'::regclass and i.indisprimary"
                + " order by array_position(i.indkey, a.attnum)"));
    }

    private List<String> rows(String sql) throws SQLException {
        return schema.rows(sql);
    }

    private void execute(String sql) throws SQLException {
        schema.execute(sql);
    }
}
