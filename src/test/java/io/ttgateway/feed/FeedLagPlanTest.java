package io.ttgateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.GenericPlan;
import org.junit.jupiter.api.Test;

/**
 * The lag probe runs on every replica every few seconds; the events it counts are the newest few, so it must
 * find them through the feed's (tx_id, id) index, never by reading the whole event table.
 */
@QuarkusTest
class FeedLagPlanTest {

    /** Events of transactions long committed: none is held back, none needs reading. */
    private static final String OLD_EVENTS = """
            insert into event (type, lead_id)
            select 'lead.received', 'plan-' || g from generate_series(1, 20000) g""";

    @Test
    void countsTheHeldEventsThroughTheFeedIndex() throws Exception {
        assertThat(GenericPlan.scans("event", OLD_EVENTS, FeedLag.PROBE))
                .noneMatch(scan -> scan.startsWith("Seq Scan"))
                .anyMatch(scan -> scan.contains("where ((tx_id >= pg_snapshot_xmin(pg_current_snapshot()))"
                        + " AND (tx_id < pg_snapshot_xmax(pg_current_snapshot())))"));
    }
}
