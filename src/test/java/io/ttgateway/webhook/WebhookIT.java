package io.ttgateway.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.ttgateway.support.Api;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.Packaged;
import org.junit.jupiter.api.Test;

/** The webhook path on the packaged application (prod profile, settings from the environment). */
@QuarkusIntegrationTest
class WebhookIT {

    @Test
    void aLeadIsStoredOnceAndItsRepeatIsAnsweredDuplicate() {
        String leadId = Fixtures.newId();
        String body = Fixtures.lead(leadId, Fixtures.newId()).toString();

        Packaged.thumbtack().body(body).post("/v1/lead").then().statusCode(200).body("status", equalTo("stored"));
        Packaged.thumbtack().body(body).post("/v1/lead").then().statusCode(200).body("status", equalTo("duplicate"));

        assertThat(Packaged.count("select count(*) from lead where lead_id = ?", leadId)).isEqualTo(1);
        assertThat(Packaged.count("select jsonb_array_length(details) from lead where lead_id = ?", leadId)).isEqualTo(2);
        assertThat(Packaged.count("select count(*) from event where lead_id = ? and type = 'lead.received'", leadId))
                .isEqualTo(1);
        // read back through the packaged build's partner API: the details and attachments kept in the row
        Packaged.partner().get("/api/v1/leads/" + leadId).then().statusCode(200)
                .body("request.details[1].answer", equalTo("4 rooms"))
                .body("request.attachments[0].fileName", equalTo("door.jpg"))
                .body("request.attachments[0].fileSize", equalTo(1139));
    }

    @Test
    void aMissingRequiredFieldIsA400NamingIt() {
        ObjectNode lead = Fixtures.lead(Fixtures.newId(), Fixtures.newId());
        ((ObjectNode) lead.get("request").get("location")).remove("zipCode");

        Packaged.thumbtack().body(lead.toString()).post("/v1/lead").then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("details.field", hasItem("request.location.zipCode"));
    }

    @Test
    void onlyTheDeployedPasswordIsAccepted() {
        String body = Fixtures.lead(Fixtures.newId(), Fixtures.newId()).toString();
        // The test profile's password must mean nothing to the prod profile.
        given().auth().preemptive().basic("thumbtack", Api.WEBHOOK_PASSWORD).contentType(ContentType.JSON)
                .body(body).post("/v1/lead").then().statusCode(401);
        given().contentType(ContentType.JSON).body(body).post("/v1/lead").then().statusCode(401)
                .header("WWW-Authenticate", matchesPattern("(?i)basic\\b.*")); // auth schemes are case-insensitive
        Packaged.partner().body(body).post("/v1/lead").then().statusCode(403);
    }
}
