package io.ttgateway.business;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.ThumbtackStubs.json;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.TestConnections;
import io.ttgateway.support.ThumbtackTestBase;
import io.ttgateway.support.V4Rows;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Partner calls that depend on the business's API: job status and test negotiation (v4), targeting (legacy). */
@QuarkusTest
class V4BusinessCallsTest extends ThumbtackTestBase {

    @Inject
    V4Rows v4;

    private static String jobStatus(String businessId, String leadId) {
        return "/api/v1/businesses/" + businessId + "/leads/" + leadId + "/job-status";
    }

    /** Needs ConnectionService to hand out a v4 grant's token. */
    @ParameterizedTest
    @ValueSource(strings = {"not_scheduled", "appt_scheduled", "job_complete", "invoice_paid", "customer_cancel",
            "pro_cancel"})
    void aJobStatusGoesToThumbtackWithTheGrantToken(String status) {
        V4Rows.V4Business pro = v4.connect();
        String leadId = Fixtures.newId();
        String path = "/api/v4/negotiations/" + leadId + "/job-status";
        thumbtack.stubFor(post(urlPathEqualTo(path)).willReturn(json(200, "{}")));

        partner().body("{\"status\":\"" + status + "\"}").post(jobStatus(pro.businessId(), leadId))
                .then().statusCode(200).body("leadId", equalTo(leadId)).body("status", equalTo(status));

        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(path))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + pro.accessToken()))
                .withRequestBody(equalToJson("{\"status\":\"" + status + "\"}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"status\":\"done\"}", "{\"status\":\"APPT_SCHEDULED\"}", "{}", "{\"status\":null}"})
    void anUnknownJobStatusIs400NamingTheField(String body) {
        V4Rows.V4Business pro = v4.connect();
        partner().body(body).post(jobStatus(pro.businessId(), Fixtures.newId()))
                .then().statusCode(400).body("details.field", hasItem("status"));
        thumbtack.verify(0, postRequestedFor(urlPathMatching("/api/v4/negotiations/.*")));
    }

    @Test
    void aJobStatusForALegacyConnectionIs409AndForAnUnknownBusiness404() {
        TestConnections.Connected legacy = TestConnections.connect();
        partner().body("{\"status\":\"job_complete\"}").post(jobStatus(legacy.businessPk(), Fixtures.newId()))
                .then().statusCode(409);
        partner().body("{\"status\":\"job_complete\"}").post(jobStatus(Fixtures.newId(), Fixtures.newId()))
                .then().statusCode(404);
        thumbtack.verify(0, postRequestedFor(urlPathMatching("/api/v4/negotiations/.*")));
    }

    /** Needs ConnectionService to hand out a v4 grant's token. */
    @Test
    void thumbtacksRefusalOfAJobStatusIs502() {
        V4Rows.V4Business pro = v4.connect();
        String leadId = Fixtures.newId();
        thumbtack.stubFor(post(urlPathEqualTo("/api/v4/negotiations/" + leadId + "/job-status"))
                .willReturn(json(403, "{\"title\":\"Forbidden\"}")));
        partner().body("{\"status\":\"job_complete\"}").post(jobStatus(pro.businessId(), leadId)).then().statusCode(502);
    }

    @Test
    void targetingForAV4ConnectionIs409WithoutCallingThumbtack() {
        V4Rows.V4Business pro = v4.connect();
        thumbtack.resetRequests();
        partner().body("{\"enabled\": true}")
                .patch("/api/v1/businesses/" + pro.businessId() + "/services/" + pro.businessId() + "/targeting")
                .then().statusCode(409);
        partner().body("{\"enabled\": false}")
                .patch("/api/v1/businesses/" + pro.businessId() + "/services/" + pro.businessId() + "/categories/"
                        + Fixtures.newId() + "/targeting")
                .then().statusCode(409);
        thumbtack.verify(0, anyRequestedFor(urlPathMatching("/v3/.*")));
    }

    /** Needs ConnectionService to hand out a v4 grant's token. */
    @Test
    void aTestLeadForAV4BusinessIsThumbtacksTestNegotiation() {
        V4Rows.V4Business pro = v4.connect();
        String path = "/api/v4/businesses/" + pro.businessId() + "/webhooks/test-negotiation";
        thumbtack.stubFor(post(urlPathEqualTo(path)).willReturn(json(200, "{\"negotiationID\":\"n-123\"}")));

        partner().body("{\"businessId\":\"" + pro.businessId() + "\"}").post("/api/v1/test/create-lead")
                .then().statusCode(200).body("negotiationID", equalTo("n-123"));

        thumbtack.verify(1, postRequestedFor(urlPathEqualTo(path))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + pro.accessToken())));
        thumbtack.verify(0, postRequestedFor(urlPathEqualTo("/v1/test/create-lead")));
    }
}
