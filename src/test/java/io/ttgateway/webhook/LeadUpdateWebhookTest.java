package io.ttgateway.webhook;

import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Concurrently;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PUT /v1/lead/update: 200 for a known lead, 202 (kept, applied later) for an unknown one. */
@QuarkusTest
class LeadUpdateWebhookTest {

    private static final String SAMPLE_LEAD_ID = "465324000282984455";

    @Inject
    Db db;

    @Test
    void theReferenceSampleWithItsTrailingCommaIsAccepted() {
        String leadId = Fixtures.newId();
        String sample = Fixtures.text("lead-update.json");
        assertThat(sample).containsPattern(",\\s*}\\s*$");

        thumbtack().body(sample.replace(SAMPLE_LEAD_ID, leadId)).put("/v1/lead/update")
                .then().statusCode(202);

        Row row = db.one("select lead_price, charge_state, applied_at, raw->>'leadID' from lead_update where lead_id = $1",
                leadId);
        assertThat(row.getString(0)).isEqualTo("$26.00");
        assertThat(row.getString(1)).isEqualTo("Charged");
        assertThat(row.getValue(2)).isNull();
        assertThat(row.getString(3)).isEqualTo(leadId);
    }

    @Test
    void anUpdateBeforeItsLeadIsKeptAndAppliedWhenTheLeadArrives() {
        String leadId = Fixtures.newId();
        String businessId = Fixtures.newId();

        put(update(leadId, "$26.00", "Charged")).then().statusCode(202)
                .body("status", equalTo("accepted; lead not known yet"));

        Row pending = db.one("select applied_at from lead_update where lead_id = $1", leadId);
        assertThat(pending.getValue(0)).isNull();
        Row event = db.one("select type, business_id, data->>'leadPrice' from event where lead_id = $1", leadId);
        assertThat(event.getString(0)).isEqualTo("lead.updated");
        assertThat(event.getString(1)).isNull();
        assertThat(event.getString(2)).isEqualTo("$26.00");

        thumbtack().body(Fixtures.lead(leadId, businessId).toString()).post("/v1/lead").then().statusCode(200);

        Row lead = db.one("select lead_price, charge_state from lead where lead_id = $1", leadId);
        assertThat(lead.getString(0)).isEqualTo("$26.00");
        assertThat(lead.getString(1)).isEqualTo("Charged");
        assertThat(db.one("select applied_at from lead_update where lead_id = $1", leadId).getValue(0)).isNotNull();
        assertThat(db.rows("select type from event where lead_id = $1 order by id", leadId))
                .extracting(r -> r.getString(0)).containsExactly("lead.updated", "lead.received");
    }

    @Test
    void anUpdateAfterItsLeadIsAppliedAtOnce() {
        String leadId = Fixtures.newId();
        String businessId = Fixtures.newId();
        thumbtack().body(Fixtures.lead(leadId, businessId).toString()).post("/v1/lead").then().statusCode(200);
        assertThat(db.one("select lead_price from lead where lead_id = $1", leadId).getString(0)).isNull();

        put(update(leadId, "$26.00", "Charged")).then().statusCode(200).body("status", equalTo("stored"));

        Row lead = db.one("select lead_price, charge_state, updated_at > received_at from lead where lead_id = $1", leadId);
        assertThat(lead.getString(0)).isEqualTo("$26.00");
        assertThat(lead.getString(1)).isEqualTo("Charged");
        assertThat(lead.getBoolean(2)).isTrue();
        assertThat(db.one("select applied_at from lead_update where lead_id = $1", leadId).getValue(0)).isNotNull();
        Row event = db.one("select business_id, data->>'chargeState' from event where lead_id = $1 and type = 'lead.updated'",
                leadId);
        assertThat(event.getString(0)).isEqualTo(businessId);
        assertThat(event.getString(1)).isEqualTo("Charged");
    }

    @Test
    void aRepeatedUpdateOfAnUnknownLeadIsKeptOnce() {
        String leadId = Fixtures.newId();
        String body = update(leadId, "$26.00", "Charged");

        put(body).then().statusCode(202);
        put(body).then().statusCode(202);

        assertThat(db.count("select count(*) from lead_update where lead_id = $1", leadId)).isEqualTo(1);
        assertThat(db.count("select count(*) from event where lead_id = $1", leadId)).isEqualTo(1);
    }

    @Test
    void aRepeatedUpdateOfAKnownLeadIsStoredOnce() {
        String leadId = Fixtures.newId();
        thumbtack().body(Fixtures.lead(leadId, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);
        String body = update(leadId, "$26.00", "Charged");

        put(body).then().statusCode(200).body("status", equalTo("stored"));
        put(body).then().statusCode(200).body("status", equalTo("duplicate"));

        assertThat(db.count("select count(*) from lead_update where lead_id = $1", leadId)).isEqualTo(1);
        assertThat(db.count("select count(*) from event where lead_id = $1 and type = 'lead.updated'", leadId))
                .isEqualTo(1);
    }

    @Test
    void twentyConcurrentIdenticalUpdatesAreKeptOnce() throws Exception {
        String leadId = Fixtures.newId();
        thumbtack().body(Fixtures.lead(leadId, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);
        String body = update(leadId, "$26.00", "Charged");

        List<Integer> statuses = Concurrently.statuses(20, () -> put(body).statusCode());

        assertThat(statuses).containsOnly(200);
        assertThat(db.count("select count(*) from lead_update where lead_id = $1", leadId)).isEqualTo(1);
        assertThat(db.count("select count(*) from event where lead_id = $1 and type = 'lead.updated'", leadId))
                .isEqualTo(1);
        assertThat(db.one("select lead_price from lead where lead_id = $1", leadId).getString(0)).isEqualTo("$26.00");
    }

    @Test
    void aLeadAndItsUpdateRacingEachOtherAlwaysEndWithTheUpdateApplied() throws Exception {
        List<String> leadIds = new java.util.ArrayList<>();
        List<java.util.concurrent.Callable<Integer>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String leadId = Fixtures.newId();
            leadIds.add(leadId);
            String lead = Fixtures.lead(leadId, Fixtures.newId()).toString();
            String update = update(leadId, "$26.00", "Charged");
            calls.add(() -> thumbtack().body(lead).post("/v1/lead").statusCode());
            calls.add(() -> put(update).statusCode());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(calls.size());
        try {
            for (java.util.concurrent.Future<Integer> status : pool.invokeAll(calls)) {
                assertThat(status.get()).isIn(200, 202);
            }
        } finally {
            pool.shutdown();
        }

        for (String leadId : leadIds) {
            Row lead = db.one("select lead_price, charge_state from lead where lead_id = $1", leadId);
            assertThat(lead.getString(0)).as(leadId).isEqualTo("$26.00");
            assertThat(lead.getString(1)).as(leadId).isEqualTo("Charged");
            assertThat(db.one("select applied_at from lead_update where lead_id = $1", leadId).getValue(0))
                    .as(leadId).isNotNull();
        }
    }

    @Test
    void severalPendingUpdatesAreAppliedInArrivalOrder() {
        String leadId = Fixtures.newId();
        put(update(leadId, "$10.00", "Charged")).then().statusCode(202);
        put(update(leadId, "$26.00", "Charged")).then().statusCode(202);
        put(update(leadId, "$18.00", "Charged")).then().statusCode(202);

        thumbtack().body(Fixtures.lead(leadId, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);

        assertThat(db.one("select lead_price from lead where lead_id = $1", leadId).getString(0)).isEqualTo("$18.00");
        assertThat(db.count("select count(*) from lead_update where lead_id = $1 and applied_at is not null", leadId))
                .isEqualTo(3);
        assertThat(db.count("select count(*) from event where lead_id = $1 and type = 'lead.updated'", leadId))
                .isEqualTo(3);
    }

    @Test
    void aLaterUpdateWithoutPriceClearsThePriceAgain() {
        String leadId = Fixtures.newId();
        put(update(leadId, "$26.00", "Charged")).then().statusCode(202);
        put(update(leadId, null, null)).then().statusCode(202);

        thumbtack().body(Fixtures.lead(leadId, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);

        Row lead = db.one("select lead_price, charge_state from lead where lead_id = $1", leadId);
        assertThat(lead.getString(0)).isNull();
        assertThat(lead.getString(1)).isNull();
    }

    @Test
    void aLeadWhosePayloadAlreadyCarriesAPriceKeepsIt() {
        String leadId = Fixtures.newId();
        ObjectNode lead = Fixtures.lead(leadId, Fixtures.newId()).put("leadPrice", "$12.00").put("chargeState", "Charged");

        thumbtack().body(lead.toString()).post("/v1/lead").then().statusCode(200);

        Row row = db.one("select lead_price, charge_state from lead where lead_id = $1", leadId);
        assertThat(row.getString(0)).isEqualTo("$12.00");
        assertThat(row.getString(1)).isEqualTo("Charged");
    }

    /**
     * A redelivery of an earlier update after a later one (A, B, A again) is a repeat: applying it
     * would take the price and charge state back. "Equal" is the values an update sets: leadPrice
     * and chargeState (the reference's update carries nothing else but the leadID).
     */
    @Test
    void anEarlierUpdateDeliveredAgainAfterALaterOneChangesNothing() {
        String leadId = Fixtures.newId();
        thumbtack().body(Fixtures.lead(leadId, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);

        put(update(leadId, "$10.00", "Not charged")).then().statusCode(200).body("status", equalTo("stored"));
        put(update(leadId, "$26.00", "Charged")).then().statusCode(200).body("status", equalTo("stored"));
        put(update(leadId, "$10.00", "Not charged")).then().statusCode(200).body("status", equalTo("duplicate"));

        Row lead = db.one("select lead_price, charge_state from lead where lead_id = $1", leadId);
        assertThat(lead.getString(0) + " / " + lead.getString(1)).isEqualTo("$26.00 / Charged");
        assertThat(db.count("select count(*) from event where lead_id = $1 and type = 'lead.updated'", leadId))
                .isEqualTo(2);
        assertThat(db.count("select count(*) from lead_update where lead_id = $1", leadId)).isEqualTo(2);
    }

    @Test
    void anEarlierUpdateDeliveredAgainBeforeTheLeadIsKnownIsNotAppliedWhenItArrives() {
        String leadId = Fixtures.newId();

        put(update(leadId, "$10.00", "Not charged")).then().statusCode(202);
        put(update(leadId, "$26.00", "Charged")).then().statusCode(202);
        put(update(leadId, "$10.00", "Not charged")).then().statusCode(202);
        thumbtack().body(Fixtures.lead(leadId, Fixtures.newId()).toString()).post("/v1/lead").then().statusCode(200);

        Row lead = db.one("select lead_price, charge_state from lead where lead_id = $1", leadId);
        assertThat(lead.getString(0) + " / " + lead.getString(1)).isEqualTo("$26.00 / Charged");
        assertThat(db.count("select count(*) from event where lead_id = $1 and type = 'lead.updated'", leadId))
                .isEqualTo(2);
        assertThat(db.count("select count(*) from lead_update where lead_id = $1 and applied_at is not null", leadId))
                .isEqualTo(2);
    }

    /**
     * A and B applied in order, then redeliveries of both racing each other (and a late lead delivery):
     * every run ends at B with exactly two lead.updated events.
     */
    @Test
    void redeliveriesOfEarlierUpdatesRacingEachOtherChangeNothing() throws Exception {
        for (boolean leadKnown : List.of(true, false)) {
            String leadId = Fixtures.newId();
            String lead = Fixtures.lead(leadId, Fixtures.newId()).toString();
            if (leadKnown) {
                thumbtack().body(lead).post("/v1/lead").then().statusCode(200);
            }
            String a = update(leadId, "$10.00", "Not charged");
            String b = update(leadId, "$26.00", "Charged");
            put(a).then().statusCode(leadKnown ? 200 : 202);
            put(b).then().statusCode(leadKnown ? 200 : 202);
            List<java.util.concurrent.Callable<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> put(a).statusCode());
                calls.add(() -> put(b).statusCode());
            }
            calls.add(() -> thumbtack().body(lead).post("/v1/lead").statusCode());

            assertThat(Concurrently.all(calls)).allMatch(status -> status == 200 || status == 202);

            Row row = db.one("select lead_price, charge_state from lead where lead_id = $1", leadId);
            assertThat(row.getString(0) + " / " + row.getString(1)).as("lead known first: %s", leadKnown)
                    .isEqualTo("$26.00 / Charged");
            assertThat(db.count("select count(*) from event where lead_id = $1 and type = 'lead.updated'", leadId))
                    .as("lead known first: %s", leadKnown).isEqualTo(2);
        }
    }

    private static String update(String leadId, String leadPrice, String chargeState) {
        return Fixtures.json("lead-update.json").put("leadID", leadId).put("leadPrice", leadPrice)
                .put("chargeState", chargeState).toString();
    }

    private static io.restassured.response.Response put(String body) {
        return thumbtack().body(body).put("/v1/lead/update");
    }
}
