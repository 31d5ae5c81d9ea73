package io.ttgateway.lead;

import static io.ttgateway.support.Api.partner;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.V4Rows;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A v4 lead as the partner API shows it: its API, its status, and both sides of its conversation once each. */
@QuarkusTest
class V4LeadViewTest {

    @Inject
    V4Rows v4;

    @Inject
    Db db;

    @Test
    void theConversationShowsCustomerProAndQueuedMessagesOnceInOrder() {
        String business = Fixtures.newId();
        String lead = v4.lead(business, Instant.now(), null, "$20.00", "Pending", "Open");
        String customer = Fixtures.newId();
        db.rows("insert into message (message_id, lead_id, customer_id, business_id, text, created_at, raw)"
                + " values ($1, $2, 'c-1', $3, 'Can you come Monday?', now() - interval '3 minutes', '{}')",
                customer, lead, business);
        String typed = Fixtures.newId();
        v4.proMessage(typed, lead, business, "Yes, Monday 9am", false);
        db.rows("update message set created_at = now() - interval '2 minutes' where message_id = $1", typed);
        UUID queued = UUID.randomUUID();
        db.rows("insert into outbound_message (id, business_id, lead_id, text, status, attempts, next_attempt_at,"
                + " lease_owner, lease_until, created_at, updated_at) values ($1, $2, $3, 'Bring the keys', 'PENDING',"
                + " 1, now(), $4, now() + interval '1 minute', now() - interval '1 minute', now())",
                queued, business, lead, UUID.randomUUID());
        // The echo of the queued message arrived before its send was recorded: the same message, shown once.
        v4.proMessage(Fixtures.newId(), lead, business, "Bring the keys", true);

        partner().get("/api/v1/leads/" + lead).then().statusCode(200)
                .body("apiVersion", equalTo("v4"))
                .body("status", equalTo("Open"))
                .body("messages.id", contains(customer, typed, queued.toString()))
                .body("messages.direction", contains("in", "out", "out"))
                .body("messages[1].status", nullValue())
                .body("messages[2].status", equalTo("PENDING"));
    }

    @Test
    void aPendingProMessageWithoutASendOfItsTextIsShown() {
        String business = Fixtures.newId();
        String lead = v4.lead(business, Instant.now(), null, "$20.00", "Pending", "Open");
        String typed = Fixtures.newId();
        v4.proMessage(typed, lead, business, "Typed in the app", true);

        partner().get("/api/v1/leads/" + lead).then().statusCode(200)
                .body("messages.id", contains(typed)).body("messages.direction", contains("out"));
    }

    @Test
    void aLegacyLeadHasApiVersionLegacyAndNoStatus() {
        String lead = v4.lead(Fixtures.newId(), Instant.now(), null, "$20.00", "Pending", null);
        db.rows("update lead set api_version = 'legacy' where lead_id = $1", lead);
        partner().get("/api/v1/leads/" + lead).then().statusCode(200)
                .body("apiVersion", equalTo("legacy")).body("status", nullValue());
    }
}
