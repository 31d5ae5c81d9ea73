package io.ttgateway.outbox;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.ttgateway.support.Api.partner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ttgateway.support.Answers;
import io.ttgateway.support.Concurrently;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.InjectWireMock;
import io.ttgateway.support.TestConnections;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackWireMock;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A repeated Idempotency-Key: the same request answers the first message, a different one is refused. */
@QuarkusTest
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class OutboxIdempotencyTest {

    @InjectWireMock
    WireMockServer thumbtackApi;

    @Inject
    Db db;

    TestConnections.Connected pro;

    @BeforeEach
    void connect() {
        pro = TestConnections.connect();
        thumbtackApi.stubFor(post(urlPathMatching("/v2/business/" + pro.businessPk() + "/lead/.*/message"))
                .willReturn(ThumbtackStubs.json(200, "{\"status\": \"success\"}")));
    }

    private String path(String leadId) {
        return "/api/v1/businesses/" + pro.businessPk() + "/leads/" + leadId + "/messages";
    }

    private Response send(String key, String leadId, String text) {
        return partner().header("Idempotency-Key", key).body("{\"text\":\"" + text + "\"}").post(path(leadId));
    }

    @Test
    void theSameKeyWithTheSameRequestAnswersTheFirstMessage() {
        String leadId = Fixtures.newId();
        String first = send("same-1", leadId, "hello").then().statusCode(202).extract().path("id");
        send("same-1", leadId, "hello").then().statusCode(202).body("id", equalTo(first));
        assertThat(db.count("select count(*) from outbound_message where business_id = $1", pro.businessPk())).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "lead"})
    void theSameKeyWithADifferentRequestIs422NamingTheKey(String changed) {
        String leadId = Fixtures.newId();
        String first = send("reused-" + changed, leadId, "hello").then().statusCode(202).extract().path("id");

        Response repeat = "text".equals(changed)
                ? send("reused-" + changed, leadId, "hello again")
                : send("reused-" + changed, Fixtures.newId(), "hello");

        repeat.then().statusCode(422)
                .body("error", containsString("Idempotency-Key"))
                .body("details[0].field", equalTo("Idempotency-Key"))
                .body("details[0].message", containsString(first));
        Answers.assertNoInternals(repeat.asString());
        assertThat(db.count("select count(*) from outbound_message where business_id = $1", pro.businessPk())).isEqualTo(1);
    }

    @Test
    void twoDifferentRequestsWithOneKeyAtOnceGetOne202AndOne422() throws Exception {
        for (int round = 0; round < 5; round++) {
            String key = "race-" + round;
            String leadId = Fixtures.newId();
            List<Callable<Integer>> calls = new ArrayList<>();
            calls.add(() -> send(key, leadId, "first text").statusCode());
            calls.add(() -> send(key, leadId, "second text").statusCode());

            List<Integer> statuses = Concurrently.all(calls);

            assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(202, 422);
            assertThat(db.count("select count(*) from outbound_message where business_id = $1 and idempotency_key = $2",
                    pro.businessPk(), key)).isEqualTo(1);
        }
    }
}
