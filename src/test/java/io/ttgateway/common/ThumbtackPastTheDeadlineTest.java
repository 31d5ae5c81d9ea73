package io.ttgateway.common;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.ThumbtackStubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.ttgateway.support.InjectWireMock;
import io.ttgateway.support.ThumbtackWireMock;
import io.ttgateway.support.V4Rows;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Partner API requests that wait on Thumbtack: when the answer deadline passes during that wait, the
 * answer is 504 naming Thumbtack, at the deadline, not 503 (the service's own slowness) or a later one.
 */
@QuarkusTest
@TestProfile(ShortAnswerDeadlineProfile.class)
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class ThumbtackPastTheDeadlineTest {

    /** Far longer than the deadline (600 ms) and than one call's timeout with its retries. */
    private static final int SLOW_MS = 6000;

    @InjectWireMock
    WireMockServer thumbtack;

    @Inject
    V4Rows v4;

    enum Request { JOB_STATUS, TEST_NEGOTIATION, LEAD_SYNC, REVIEWS_SYNC }

    @ParameterizedTest
    @EnumSource(Request.class)
    void aThumbtackCallPastTheAnswerDeadlineIs504NamingThumbtack(Request request) {
        V4Rows.V4Business pro = v4.connect();
        String b = pro.businessId();
        String l = v4.lead(b, Instant.now(), null, "$20.00", "Pending", "Open");
        MappingBuilder slow = switch (request) {
            case JOB_STATUS -> post(urlPathEqualTo("/api/v4/negotiations/" + l + "/job-status"));
            case TEST_NEGOTIATION -> post(urlPathEqualTo("/api/v4/businesses/" + b + "/webhooks/test-negotiation"));
            case LEAD_SYNC -> get(urlPathEqualTo("/api/v4/negotiations/" + l));
            case REVIEWS_SYNC -> get(urlPathEqualTo("/api/v4/businesses/" + b + "/reviews"));
        };
        thumbtack.stubFor(slow.willReturn(json(200, "{}").withFixedDelay(SLOW_MS)));

        // Warms the partner API up; a cold first request may itself pass the short deadline (503), so retried.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> partner().get("/api/v1/connections/" + b).statusCode() == 200);
        long start = System.nanoTime();
        Response answer = switch (request) {
            case JOB_STATUS -> partner().body("{\"status\":\"job_complete\"}")
                    .post("/api/v1/businesses/" + b + "/leads/" + l + "/job-status");
            case TEST_NEGOTIATION -> partner().body("{\"businessId\":\"" + b + "\"}").post("/api/v1/test/create-lead");
            case LEAD_SYNC -> partner().post("/api/v1/leads/" + l + "/sync");
            case REVIEWS_SYNC -> partner().post("/api/v1/businesses/" + b + "/reviews/sync");
        };
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(504);
        assertThat(answer.jsonPath().getString("error")).contains("Thumbtack").contains("in time");
        // At the deadline (600 ms, with room for a slow test machine), not after Thumbtack's retries
        // (three 1 s attempts with back-off: over 4 s) or its slow answer.
        assertThat(tookMs).isLessThan(3500);
        assertThat(answer.asString()).doesNotContain(pro.accessToken());
    }
}
