package io.ttgateway.feed;

import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Db;
import io.ttgateway.support.FeedReader;
import io.ttgateway.support.FeedReader.Delivered;
import io.ttgateway.support.Fixtures;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The feed's promise: a reader that follows nextCursor (or Last-Event-ID) sees every event exactly once,
 * in one order, however the writing transactions interleave.
 */
@QuarkusTest
class FeedOrderTest {

    /** The lead ids (and tags) this run wrote events for: the feed of a test schema holds other runs too. */
    private final Set<String> tags = ConcurrentHashMap.newKeySet();

    @Inject
    Pool pool;

    @Inject
    Db db;

    @TestHTTPResource("/api/v1/events/stream")
    URI stream;

    private static final String INSERT_EVENT = """
            insert into event (type, lead_id, data) values ('message.received', $1, '{}'::jsonb) returning id""";

    /**
     * T1 takes its transaction id before T2, T2 then draws the smaller event id, T1 commits first. A
     * reader gets T1's event and moves its cursor past it; T2's event, committed afterwards, must still
     * come, after T1's.
     */
    @Test
    void anEventWithASmallerIdFromALaterTransactionIsDeliveredAfterItCommits() {
        FeedReader reader = FeedReader.atTail(db);
        String tag = Fixtures.newId();
        SqlConnection first = pool.getConnection().await().indefinitely();
        SqlConnection second = pool.getConnection().await().indefinitely();
        try {
            Transaction t1 = first.begin().await().indefinitely();
            long xid1 = xid(first);
            Transaction t2 = second.begin().await().indefinitely();
            long xid2 = xid(second);
            long id2 = insert(second, tag);
            long id1 = insert(first, tag);
            assertThat(xid1).isLessThan(xid2);
            assertThat(id2).isLessThan(id1);

            t1.commit().await().indefinitely();
            List<Long> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                reader.drain(1).stream().filter(e -> tag.equals(e.leadId())).forEach(e -> seen.add(e.id()));
                return seen.contains(id1);
            });
            assertThat(seen).containsExactly(id1);

            t2.commit().await().indefinitely();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                reader.drain(1).stream().filter(e -> tag.equals(e.leadId())).forEach(e -> seen.add(e.id()));
                return seen.contains(id2);
            });
            assertThat(seen).containsExactly(id1, id2);
        } finally {
            first.close().await().indefinitely();
            second.close().await().indefinitely();
        }
    }

    /**
     * Cursors handed out before the feed was ordered by transaction were bare event ids, meaning "every
     * event up to this id was seen". T1 takes its transaction id first, T2 writes the smaller event id a,
     * T1 the bigger b; both commit. A reader resuming from a gets b and not a; from b, neither.
     */
    @Test
    void aBareEventIdFromAnEarlierVersionResumesWithoutLossOrRepeat() {
        String tag = Fixtures.newId();
        SqlConnection first = pool.getConnection().await().indefinitely();
        SqlConnection second = pool.getConnection().await().indefinitely();
        long a;
        long b;
        try {
            Transaction t1 = first.begin().await().indefinitely();
            xid(first);
            Transaction t2 = second.begin().await().indefinitely();
            xid(second);
            a = insert(second, tag);
            b = insert(first, tag);
            t2.commit().await().indefinitely();
            t1.commit().await().indefinitely();
        } finally {
            first.close().await().indefinitely();
            second.close().await().indefinitely();
        }
        assertThat(a).isLessThan(b);

        assertThat(settledRunFrom(String.valueOf(a), tag)).containsExactly(b);
        assertThat(settledRunFrom(String.valueOf(b), tag)).isEmpty();

        // the converted reader goes on with ordinary cursors: a new event comes once
        FeedReader fromA = FeedReader.after(String.valueOf(a));
        awaitTagged(fromA, tag, 1);
        long c = insertCommitted(tag);
        List<Long> rest = awaitTagged(fromA, tag, 2);
        assertThat(rest).containsExactly(b, c);
    }

    /**
     * The old feed's loss, across the upgrade: T1 takes its id, T2 writes event a, T1 writes b (> a) and
     * commits; the old feed handed out b (T1 was below the horizon) and its reader holds b. The reader
     * upgrades while T2 still runs: a was never delivered, and must come when T2 commits; b not again.
     */
    @Test
    void aBareEventIdDoesNotHideAnEventOfATransactionStillRunningAtTheUpgrade() {
        String tag = Fixtures.newId();
        SqlConnection first = pool.getConnection().await().indefinitely();
        SqlConnection second = pool.getConnection().await().indefinitely();
        try {
            Transaction t1 = first.begin().await().indefinitely();
            xid(first);
            Transaction t2 = second.begin().await().indefinitely();
            xid(second);
            long a = insert(second, tag);
            long b = insert(first, tag);
            t1.commit().await().indefinitely();
            assertThat(a).isLessThan(b);

            FeedReader reader = FeedReader.after(String.valueOf(b));
            assertThat(reader.drain(5)).extracting(Delivered::leadId).doesNotContain(tag);
            t2.commit().await().indefinitely();
            assertThat(awaitTagged(reader, tag, 1)).containsExactly(a);
        } finally {
            first.close().await().indefinitely();
            second.close().await().indefinitely();
        }
    }

    /** Reads from {@code cursor} (once every event of the tag has settled) the tagged event ids it gets. */
    private List<Long> settledRunFrom(String cursor, String tag) {
        FeedReader probe = FeedReader.atTail(db);
        String marker = Fixtures.newId();
        insertCommitted(marker);
        awaitTagged(probe, marker, 1);
        FeedReader reader = FeedReader.after(cursor);
        return reader.drain(1).stream().filter(e -> tag.equals(e.leadId())).map(Delivered::id).toList();
    }

    private static List<Long> awaitTagged(FeedReader reader, String tag, int count) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            reader.drain(2);
            return reader.seen().stream().filter(e -> tag.equals(e.leadId())).count() >= count;
        });
        return reader.seen().stream().filter(e -> tag.equals(e.leadId())).map(Delivered::id).toList();
    }

    private long insertCommitted(String tag) {
        return db.count(INSERT_EVENT, tag);
    }

    /**
     * Many writers of every webhook kind, plus transactions that take their id early and write their event
     * late; paging readers with tiny pages and live subscribers read at the same time. Every reader sees
     * every event of the run exactly once, all in the same order.
     */
    @Test
    void everyReaderSeesEveryEventOnceInOneOrderWhileWritersInterleave() throws Exception {
        FeedReader start = FeedReader.atTail(db);
        AtomicBoolean writing = new AtomicBoolean(true);
        // every stored event of the run, known once the writers are done
        AtomicReference<List<Long>> written = new AtomicReference<>();

        List<CompletableFuture<List<Delivered>>> subscribers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            subscribers.add(FeedReader.stream(stream, start.cursor(),
                    got -> written.get() != null && seenAll(got, tags, written.get())));
        }
        ExecutorService threads = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Void>> writers = new ArrayList<>();
            AtomicInteger othersWriting = new AtomicInteger(4);
            for (int w = 0; w < 4; w++) {
                writers.add(() -> {
                    try {
                        for (int i = 0; i < 4; i++) {
                            writeEveryKind(tags);
                        }
                    } finally {
                        othersWriting.decrementAndGet();
                    }
                    return null;
                });
            }
            writers.add(() -> {
                for (int i = 0; i < 20; i++) {
                    slowTransaction(tags, () -> othersWriting.get() > 0);
                }
                return null;
            });
            List<Future<List<Delivered>>> readers = new ArrayList<>();
            for (int limit : new int[] {1, 2, 3}) {
                FeedReader reader = FeedReader.after(start.cursor());
                readers.add(threads.submit(() -> {
                    while (writing.get()) {
                        reader.page(limit);
                    }
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                        reader.drain(limit);
                        assertThat(ofRun(reader.seen(), tags)).as("reader with pages of %d", limit)
                                .containsAll(written.get());
                    });
                    return reader.seen();
                }));
            }
            List<Future<Void>> running = threads.invokeAll(writers, 120, TimeUnit.SECONDS);
            for (Future<Void> writer : running) {
                writer.get();
            }
            written.set(expected());
            writing.set(false);
            // one more event, not of this run, so that each live subscriber reads a frame after the last
            // writer finished and checks whether it has everything
            thumbtack().body(Fixtures.lead(Fixtures.newId(), Fixtures.newId()).toString()).post("/v1/lead").then()
                    .statusCode(200);

            List<Long> expected = written.get();
            List<List<Long>> orders = new ArrayList<>();
            for (Future<List<Delivered>> reader : readers) {
                orders.add(ofRun(reader.get(90, TimeUnit.SECONDS), tags));
            }
            for (CompletableFuture<List<Delivered>> subscriber : subscribers) {
                orders.add(ofRun(subscriber.get(90, TimeUnit.SECONDS), tags));
            }
            assertThat(expected).hasSizeGreaterThan(60);
            for (List<Long> order : orders) {
                assertThat(order).doesNotHaveDuplicates();
                assertThat(order).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(order).containsExactlyElementsOf(orders.get(0));
            }
        } finally {
            writing.set(false);
            threads.shutdownNow();
            subscribers.forEach(s -> s.cancel(true));
        }
    }

    /** Every stored event of this run (by the leads it wrote), once the writers are done. */
    private List<Long> expected() {
        return db.rows("select id from event where lead_id = any($1) order by id",
                        (Object) tags.toArray(String[]::new))
                .stream().map(row -> row.getLong(0)).toList();
    }

    private boolean seenAll(List<Delivered> got, Set<String> tags, List<Long> expected) {
        Set<Long> ids = new HashSet<>(ofRun(got, tags));
        return ids.containsAll(expected);
    }

    private static List<Long> ofRun(List<Delivered> got, Set<String> tags) {
        return got.stream().filter(e -> e.leadId() != null && tags.contains(e.leadId())).map(Delivered::id).toList();
    }

    private void writeEveryKind(Set<String> tags) {
        String leadId = Fixtures.newId();
        tags.add(leadId);
        thumbtack().body(Fixtures.lead(leadId, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);
        thumbtack().body(Fixtures.message(leadId, Fixtures.newId()).toString()).post("/v1/message").then()
                .statusCode(200);
        var update = Fixtures.json("lead-update.json").put("leadID", leadId).put("leadPrice", "$" + leadId.substring(0, 2));
        thumbtack().body(update.toString()).put("/v1/lead/update").then().statusCode(200);
        var review = Fixtures.review(Fixtures.newId());
        ((com.fasterxml.jackson.databind.node.ObjectNode) review.get("review")).put("leadID", leadId);
        thumbtack().body(review.toString()).post("/v1/review").then().statusCode(200);
    }

    /**
     * Takes its transaction id first, waits until another writer has drawn an event id (while any other
     * writer still runs), then writes its own event: a bigger id than an event of a later transaction.
     */
    private void slowTransaction(Set<String> tags, BooleanSupplier othersWriting) {
        String tag = Fixtures.newId();
        tags.add(tag);
        SqlConnection connection = pool.getConnection().await().indefinitely();
        try {
            Transaction tx = connection.begin().await().indefinitely();
            xid(connection);
            long drawn = lastEventId();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> lastEventId() > drawn || !othersWriting.getAsBoolean());
            insert(connection, tag);
            tx.commit().await().indefinitely();
        } finally {
            connection.close().await().indefinitely();
        }
    }

    /** The last event id drawn by any session, committed or not (sequences are not transactional). */
    private long lastEventId() {
        return db.count("""
                select coalesce(pg_sequence_last_value(pg_get_serial_sequence('event', 'id')::regclass), 0)""");
    }

    private static long xid(SqlConnection connection) {
        return connection.query("select pg_current_xact_id()::text::bigint").execute().await().indefinitely()
                .iterator().next().getLong(0);
    }

    private static long insert(SqlConnection connection, String leadId) {
        return connection.preparedQuery(INSERT_EVENT).execute(Tuple.of(leadId)).await().indefinitely()
                .iterator().next().getLong(0);
    }
}
