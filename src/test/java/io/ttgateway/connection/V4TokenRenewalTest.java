package io.ttgateway.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.ThumbtackStubs.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.leadwatch.LeadWatch;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.InjectWireMock;
import io.ttgateway.support.OnVertx;
import io.ttgateway.support.ThumbtackWireMock;
import io.ttgateway.support.V4Rows;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every v4 call made on behalf of a business other than the outbox's send (which has its own tests):
 * a 401 gets the grant one new token, through the same once-per-grant path as the outbox, and the call
 * is made once more with it; when the refresh is refused, the call fails as a refusal did before.
 */
@QuarkusTest
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class V4TokenRenewalTest {

    @InjectWireMock
    WireMockServer thumbtack;

    @Inject
    V4Rows v4;

    @Inject
    Db db;

    @Inject
    LeadWatch watch;

    /** One call site: Thumbtack's path, how to stub its success, and how the service is made to call it. */
    enum CallSite {
        JOB_STATUS("POST /api/v4/negotiations/{l}/job-status"),
        TEST_NEGOTIATION("POST /api/v4/businesses/{b}/webhooks/test-negotiation"),
        LEAD_SYNC("GET /api/v4/negotiations/{l} (partner sync)"),
        LEAD_POLL("GET /api/v4/negotiations/{l} (lead watch)"),
        REVIEWS_SYNC("GET /api/v4/businesses/{b}/reviews");

        final String label;

        CallSite(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** A v4 business with a lead due for the watch, and the call site's Thumbtack path for them. */
    private record Setup(V4Rows.V4Business pro, String leadId, String path) {}

    private Setup setUp(CallSite site) {
        V4Rows.V4Business pro = v4.connect();
        String leadId = v4.lead(pro.businessId(), Instant.now().minus(Duration.ofHours(1)),
                Instant.now().minusSeconds(5), "$20.00", "Pending", "Open");
        String path = switch (site) {
            case JOB_STATUS -> "/api/v4/negotiations/" + leadId + "/job-status";
            case TEST_NEGOTIATION -> "/api/v4/businesses/" + pro.businessId() + "/webhooks/test-negotiation";
            case LEAD_SYNC, LEAD_POLL -> "/api/v4/negotiations/" + leadId;
            case REVIEWS_SYNC -> "/api/v4/businesses/" + pro.businessId() + "/reviews";
        };
        return new Setup(pro, leadId, path);
    }

    private static Function<String, MappingBuilder> request(CallSite site) {
        return switch (site) {
            case JOB_STATUS, TEST_NEGOTIATION -> path -> post(urlPathEqualTo(path));
            case LEAD_SYNC, LEAD_POLL, REVIEWS_SYNC -> path -> get(urlPathEqualTo(path));
        };
    }

    private static RequestPatternBuilder requested(CallSite site, String path) {
        return switch (site) {
            case JOB_STATUS, TEST_NEGOTIATION -> WireMock.postRequestedFor(urlPathEqualTo(path));
            case LEAD_SYNC, LEAD_POLL, REVIEWS_SYNC -> WireMock.getRequestedFor(urlPathEqualTo(path));
        };
    }

    private static String success(CallSite site, Setup setup) {
        return switch (site) {
            case JOB_STATUS -> "{}";
            case TEST_NEGOTIATION -> "{\"negotiationID\":\"n-" + setup.leadId() + "\"}";
            case LEAD_SYNC, LEAD_POLL -> "{\"negotiationID\":\"" + setup.leadId() + "\",\"createdAt\":"
                    + "\"2026-12-03T10:00:00Z\",\"status\":\"Open\",\"chargeState\":\"Charged\",\"leadPrice\":\"$31.00\"}";
            case REVIEWS_SYNC -> "{\"data\":[],\"pagination\":{\"limit\":20,\"offset\":0,\"next\":\"\"}}";
        };
    }

    /** Makes the service call Thumbtack at the call site; the partner API's status (200 for the lead watch). */
    private int trigger(CallSite site, Setup setup) {
        String b = setup.pro().businessId();
        String l = setup.leadId();
        return switch (site) {
            case JOB_STATUS -> partner().body("{\"status\":\"job_complete\"}")
                    .post("/api/v1/businesses/" + b + "/leads/" + l + "/job-status").statusCode();
            case TEST_NEGOTIATION -> partner().body("{\"businessId\":\"" + b + "\"}").post("/api/v1/test/create-lead")
                    .statusCode();
            case LEAD_SYNC -> partner().post("/api/v1/leads/" + l + "/sync").statusCode();
            case LEAD_POLL -> {
                // Other tests' due leads would take this run's batch: read a day later instead.
                db.rows("update lead set next_poll_at = now() + interval '1 day' where next_poll_at <= now()"
                        + " and lead_id <> $1", l);
                OnVertx.await(watch::runOnce);
                yield 200;
            }
            case REVIEWS_SYNC -> partner().post("/api/v1/businesses/" + b + "/reviews/sync").statusCode();
        };
    }

    private void stubRefusedOld(CallSite site, Setup setup) {
        thumbtack.stubFor(request(site).apply(setup.path())
                .withHeader("Authorization", equalTo("Bearer " + setup.pro().accessToken()))
                .willReturn(json(401, "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"detail\":\"invalid token\"}")));
    }

    private static String renewed(Setup setup) {
        return "renewed-" + setup.pro().grantId();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CallSite.class)
    void a401RefreshesTheGrantOnceAndTheCallSucceedsWithTheNewToken(CallSite site) {
        Setup setup = setUp(site);
        stubRefusedOld(site, setup);
        thumbtack.stubFor(request(site).apply(setup.path())
                .withHeader("Authorization", equalTo("Bearer " + renewed(setup)))
                .willReturn(json(200, success(site, setup))));
        thumbtack.stubFor(V4Stubs.refreshWith(setup.pro().refreshToken())
                .willReturn(json(200, V4Stubs.tokens(renewed(setup), "r2-" + setup.pro().grantId(), 3600))));

        int status = trigger(site, setup);

        assertThat(status).isEqualTo(200);
        thumbtack.verify(1, V4Stubs.refreshRequestsWith(setup.pro().refreshToken()));
        thumbtack.verify(1, requested(site, setup.path())
                .withHeader("Authorization", equalTo("Bearer " + setup.pro().accessToken())));
        thumbtack.verify(1, requested(site, setup.path())
                .withHeader("Authorization", equalTo("Bearer " + renewed(setup))));
        if (site == CallSite.LEAD_SYNC || site == CallSite.LEAD_POLL) {
            assertThat(db.one("select lead_price from lead where lead_id = $1", setup.leadId()).getString(0))
                    .isEqualTo("$31.00");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CallSite.class)
    void aRefusedRefreshLeavesTheCallRefusedWithoutASecondCall(CallSite site) {
        Setup setup = setUp(site);
        stubRefusedOld(site, setup);
        thumbtack.stubFor(V4Stubs.refreshWith(setup.pro().refreshToken())
                .willReturn(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"token revoked\"}")));

        int status = trigger(site, setup);

        if (site != CallSite.LEAD_POLL) {
            assertThat(status).isEqualTo(502);
        }
        thumbtack.verify(1, V4Stubs.refreshRequestsWith(setup.pro().refreshToken()));
        thumbtack.verify(1, requested(site, setup.path()));
        assertThat(db.one("select status from connection where business_pk = $1", setup.pro().businessId())
                .getString(0)).isEqualTo("NEEDS_REAUTH");
        assertThat(db.count("select count(*) from event where type = 'lead.updated' and lead_id = $1",
                setup.leadId())).isZero();
    }
}
