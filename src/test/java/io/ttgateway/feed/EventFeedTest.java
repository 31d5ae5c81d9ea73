package io.ttgateway.feed;

import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ttgateway.support.Db;
import io.ttgateway.support.FeedPages;
import io.ttgateway.support.Fixtures;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventFeedTest {

    @Inject
    Db db;

    @Inject
    Pool pool;

    private long latestEventId() {
        return db.count("select coalesce(max(id), 0) from event");
    }

    private List<Long> readAll(long after, int limit) {
        List<Long> ids = new ArrayList<>();
        String cursor = String.valueOf(after);
        while (true) {
            JsonPath page = partner().queryParam("after", cursor).queryParam("limit", limit)
                    .get("/api/v1/events").then().statusCode(200).extract().jsonPath();
            List<Long> items = page.getList("items.id", Long.class);
            ids.addAll(items);
            cursor = page.getString("nextCursor");
            if (items.isEmpty()) {
                return ids;
            }
        }
    }

    @Test
    void pagesEveryEventInStoredOrderWithTheirFields() {
        long start = latestEventId();
        String leadId = Fixtures.newId();
        String businessId = Fixtures.newId();
        thumbtack().body(Fixtures.lead(leadId, businessId).toString()).post("/v1/lead").then().statusCode(200);
        thumbtack().body(Fixtures.message(leadId, Fixtures.newId()).toString()).post("/v1/message").then().statusCode(200);

        partner().queryParam("after", start).queryParam("limit", 1).get("/api/v1/events").then().statusCode(200)
                .body("items[0].type", equalTo("lead.received"))
                .body("items[0].businessId", equalTo(businessId))
                .body("items[0].leadId", equalTo(leadId))
                .body("items[0].data.leadID", equalTo(leadId))
                .body("items[0].data.request.location.city", equalTo("Palo Alto"));
        List<Long> ids = readAll(start, 1);
        assertThat(ids).hasSizeGreaterThanOrEqualTo(2).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aLeadEventWrittenBeforeV7KeepsItsOwnCopyAndOnlyLeadEventsMayLackOne() {
        String leadId = Fixtures.newId();
        thumbtack().body(Fixtures.lead(leadId, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);
        long legacy = db.count("insert into event (type, business_id, lead_id, data) values ('lead.received', 'b',"
                + " $1, '{\"copy\": \"written before V7\"}') returning id", leadId);

        assertThat(new JsonPath(FeedPages.firstAfter(legacy - 1, 1)).getString("items[0].data.copy"))
                .isEqualTo("written before V7");
        assertThatThrownBy(() -> db.count("insert into event (type, lead_id) values ('message.received', $1)"
                + " returning id", leadId)).hasMessageContaining("event_data_present");
    }

    /** A row that commits late with a smaller id must hold back the rows behind it, not be skipped. */
    @Test
    void aSmallerIdThatCommitsLateIsNotSkipped() {
        long start = latestEventId();
        SqlConnection connection = pool.getConnection().await().indefinitely();
        try {
            Transaction tx = connection.begin().await().indefinitely();
            long lateId = connection.preparedQuery(
                            "insert into event (type, data) values ('lead.received', '{}'::jsonb) returning id")
                    .execute(Tuple.tuple()).await().indefinitely().iterator().next().getLong(0);
            thumbtack().body(Fixtures.lead(Fixtures.newId(), Fixtures.newId()).toString()).post("/v1/lead")
                    .then().statusCode(200);
            long laterId = latestEventId();
            assertThat(laterId).isGreaterThan(lateId);

            List<Long> whileOpen = readAll(start, 50);
            assertThat(whileOpen).doesNotContain(laterId, lateId);

            tx.commit().await().indefinitely();
            List<Long> afterCommit = readAll(start, 50);
            assertThat(afterCommit).contains(lateId, laterId);
            assertThat(afterCommit.indexOf(lateId)).isLessThan(afterCommit.indexOf(laterId));
        } finally {
            connection.close().await().indefinitely();
        }
    }

    @Test
    void rejectsABadCursor() {
        partner().queryParam("after", "abc").get("/api/v1/events").then().statusCode(400)
                .body("details[0].field", equalTo("after"));
        partner().queryParam("after", "-1").get("/api/v1/events").then().statusCode(400);
    }
}
