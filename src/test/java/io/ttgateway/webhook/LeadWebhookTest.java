package io.ttgateway.webhook;

import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LeadWebhookTest {

    @Inject
    Db db;

    @Test
    void storesEveryFieldOfTheSampleLeadAndOneEvent() {
        String leadId = Fixtures.newId();
        String businessId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, businessId);

        thumbtack().body(lead.toString()).post("/v1/lead").then().statusCode(200).body("status", equalTo("stored"));

        Row row = db.one("select * from lead where lead_id = $1", leadId);
        assertThat(row.getString("request_id")).isEqualTo("2999842694480093245");
        assertThat(row.getString("category")).isEqualTo("Interior Painting");
        assertThat(row.getString("category_id")).isEqualTo("122681972262289742");
        assertThat(row.getString("schedule")).isEqualTo("Date: Tue, May 05 2020\nTime: 6:00 PM\nLength: 3.5 hours");
        assertThat(row.getString("address1")).isEqualTo("101 Alma Street");
        assertThat(row.getString("address2")).isEmpty();
        assertThat(row.getString("zip_code")).isEqualTo("94301");
        assertThat(row.getString("customer_phone")).isEqualTo("1234567890");
        assertThat(row.getString("business_id")).isEqualTo(businessId);
        assertThat(row.getString("business_name")).isEqualTo("Tim's Painting Business");
        assertThat(row.getString("lead_type")).isEqualTo("INSTANT_BOOK");
        assertThat(row.getString("lead_price")).isNull();
        assertThat(row.getOffsetDateTime("created_at").toEpochSecond()).isEqualTo(1498760294L);
        assertThat(row.getOffsetDateTime("received_at")).isNotNull();
        // details and attachments in the lead's row (V18), none in the tables of older leads
        assertThat(db.count("select jsonb_array_length(details) from lead where lead_id = $1", leadId)).isEqualTo(2);
        Row attachment = db.one("select attachments->0->>'fileName', (attachments->0->>'fileSize')::int8,"
                + " jsonb_array_length(attachments) from lead where lead_id = $1", leadId);
        assertThat(attachment.getString(0)).isEqualTo("door.jpg");
        assertThat(attachment.getLong(1)).isEqualTo(1139L);
        assertThat(attachment.getInteger(2)).isEqualTo(1);
        assertThat(db.count("select (select count(*) from lead_detail where lead_id = $1)"
                + " + (select count(*) from lead_attachment where lead_id = $1)", leadId)).isZero();
        assertThat(db.one("select payload->>'leadType' from lead where lead_id = $1", leadId).getString(0))
                .isEqualTo("INSTANT_BOOK");
        Row event = db.one("select type, business_id, data is null from event where lead_id = $1", leadId);
        assertThat(event.getString(0)).isEqualTo("lead.received");
        assertThat(event.getString(1)).isEqualTo(businessId);
        assertThat(event.getBoolean(2)).as("the event keeps no second copy of the payload (V7)").isTrue();
    }

    @Test
    void aRepeatedLeadIsAnsweredOkAndStoredOnce() {
        String leadId = Fixtures.newId();
        String body = Fixtures.lead(leadId, Fixtures.newId()).toString();

        thumbtack().body(body).post("/v1/lead").then().statusCode(200).body("status", equalTo("stored"));
        thumbtack().body(body).post("/v1/lead").then().statusCode(200).body("status", equalTo("duplicate"));

        assertThat(db.count("select count(*) from lead where lead_id = $1", leadId)).isEqualTo(1);
        assertThat(db.count("select jsonb_array_length(details) from lead where lead_id = $1", leadId)).isEqualTo(2);
        assertThat(db.count("select count(*) from event where lead_id = $1", leadId)).isEqualTo(1);
    }

    @Test
    void twentyConcurrentIdenticalDeliveriesStoreOneLead() throws Exception {
        String leadId = Fixtures.newId();
        String body = Fixtures.lead(leadId, Fixtures.newId()).toString();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> thumbtack().body(body).post("/v1/lead").statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(db.count("select count(*) from lead where lead_id = $1", leadId)).isEqualTo(1);
        assertThat(db.count("select jsonb_array_length(attachments) from lead where lead_id = $1", leadId)).isEqualTo(1);
        assertThat(db.count("select count(*) from event where lead_id = $1", leadId)).isEqualTo(1);
    }
}
