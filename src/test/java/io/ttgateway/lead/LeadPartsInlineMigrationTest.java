package io.ttgateway.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttgateway.support.MigrationSchema;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * V18: a lead's details and attachments get columns of the lead row; leads stored before keep theirs in
 * lead_detail and lead_attachment. Each case migrates a schema of its own as Flyway does at start-up.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LeadPartsInlineMigrationTest {

    private final MigrationSchema schema = new MigrationSchema("tt_v18");

    @AfterEach
    void dropSchema() throws SQLException {
        schema.drop();
    }

    @Test
    void aLeadStoredBeforeKeepsItsRowsAndHasNoPartsInItsRow() throws SQLException {
        schema.flyway("17").migrate();
        schema.execute("insert into lead (lead_id, request_id, category, title, customer_id, business_id, raw)"
                + " values ('L1', 'R1', 'Painting', 'Painting', 'C1', 'B1', '{}');"
                + " insert into lead_detail (lead_id, position, question, answer) values ('L1', 0, 'Rooms?', '4');"
                + " insert into lead_attachment (lead_id, position, file_name, file_size, mime_type, url)"
                + " values ('L1', 0, 'door.jpg', 1139, 'image/jpeg', 'https://example.test/door.jpg')");

        schema.flyway("18").migrate();

        assertThat(schema.rows("select coalesce(details::text, 'null') || ' ' || coalesce(attachments::text, 'null')"
                + " || ' ' || (select count(*) from lead_detail) || ' ' || (select count(*) from lead_attachment)"
                + " from lead")).containsExactly("null null 1 1");
    }

    @Test
    void aLockHeldForAWhileDelaysTheNewColumnsWithoutFailingThem() throws Exception {
        schema.flyway("17").migrate();

        // another session's transaction uses lead for ~3 s: the first attempts give up after 2 s each
        assertThat(schema.migrateWhileHolding("lead", Duration.ofSeconds(3), "18")).isTrue();
        assertThat(schema.rows("select attname from pg_attribute where attrelid = 'lead'::regclass"
                + " and attname in ('details', 'attachments') order by attname"))
                .containsExactly("attachments", "details");
    }

    /** Ten attempts of at most 2 s each, 1 s apart: the start fails within ~30 s, and the next one succeeds. */
    @Test
    void aLockHeldThroughEveryAttemptFailsTheMigrationWithinItsBoundAndChangesNothing() throws Exception {
        schema.flyway("17").migrate();

        schema.failsToMigrateWithinItsLockBound("lead", "18");
        assertThat(schema.rows("select count(*)::text from pg_attribute where attrelid = 'lead'::regclass"
                + " and attname in ('details', 'attachments')")).containsExactly("0");

        schema.flyway("18").migrate();

        assertThat(schema.rows("select version from flyway_schema_history where success order by installed_rank desc limit 1")).containsExactly("18");
    }
}
