package io.ttgateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.Metrics;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A reader can tell how far behind the feed is held, and by how many events. */
@QuarkusTest
class FeedLagTest {

    @Inject
    FeedLag lag;

    @Inject
    Pool pool;

    @Inject
    Db db;

    @Test
    void aLongTransactionShowsAsLagAndTheEventsItHoldsBackAreCounted() {
        SqlConnection holder = pool.getConnection().await().indefinitely();
        try {
            Transaction tx = holder.begin().await().indefinitely();
            holder.query("select pg_current_xact_id()").execute().await().indefinitely();
            for (int i = 0; i < 3; i++) {
                db.count("insert into event (type, lead_id, data) values ('message.received', $1, '{}') returning id",
                        Fixtures.newId());
            }
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                lag.probe().await().atMost(Duration.ofSeconds(5));
                assertThat(Metrics.value("thumbtack_feed_lag_seconds")).isGreaterThanOrEqualTo(1.0);
                assertThat(Metrics.value("thumbtack_feed_held_events")).isGreaterThanOrEqualTo(3);
            });
            tx.rollback().await().indefinitely();
        } finally {
            holder.close().await().indefinitely();
        }
        // with the holder gone the lag falls back to what other sessions hold (none for long here)
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            lag.probe().await().atMost(Duration.ofSeconds(5));
            assertThat(Metrics.value("thumbtack_feed_lag_seconds")).isLessThan(1.0);
        });
    }
}
