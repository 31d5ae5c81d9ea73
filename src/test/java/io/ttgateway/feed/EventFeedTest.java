package io.ttgateway.feed;

import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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

    /**
     * A lead stored before V19 has its payload in raw (jsonb) and none in payload (json): its event is
     * served from raw, in the same page as one served from payload. A lead row has exactly one of them.
     */
    @Test
    void aLeadStoredBeforeV19IsServedFromItsJsonbPayload() {
        String before = Fixtures.newId();
        String after = Fixtures.newId();
        long first = db.count("""
                with l as (insert into lead (lead_id, request_id, category, title, customer_id, business_id, raw)
                           values ($1, 'R1', 'Painting', 'Painting', 'C1', 'B1', '{"leadID": "stored before V19"}'))
                insert into event (type, business_id, lead_id) values ('lead.received', 'B1', $1) returning id""",
                before);
        thumbtack().body(Fixtures.lead(after, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);

        // the feed from the first one on, page after page, until both events are there
        Map<String, String> servedLeadIds = new HashMap<>();
        AtomicReference<String> cursor = new AtomicReference<>(String.valueOf(first - 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonPath page = partner().queryParam("after", cursor.get()).queryParam("limit", 100).get("/api/v1/events")
                    .then().statusCode(200).extract().jsonPath();
            List<String> leads = page.getList("items.leadId", String.class);
            for (int i = 0; i < leads.size(); i++) {
                if (leads.get(i) != null) {
                    servedLeadIds.put(leads.get(i), page.getString("items[" + i + "].data.leadID"));
                }
            }
            cursor.set(page.getString("nextCursor"));
            return servedLeadIds.containsKey(before) && servedLeadIds.containsKey(after);
        });
        assertThat(servedLeadIds.get(before)).isEqualTo("stored before V19");
        assertThat(servedLeadIds.get(after)).isEqualTo(after);
        assertThat(db.count("select count(*) from lead where lead_id = $1 and raw is null and payload is not null", after))
                .isEqualTo(1);
        for (String both : List.of("'{}', '{}'", "null, null")) {
            assertThatThrownBy(() -> db.count("insert into lead (lead_id, request_id, category, title, customer_id,"
                    + " business_id, raw, payload) values ($1, 'R1', 'Painting', 'Painting', 'C1', 'B1', " + both
                    + ") returning id", Fixtures.newId())).hasMessageContaining("lead_payload_once");
        }
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
