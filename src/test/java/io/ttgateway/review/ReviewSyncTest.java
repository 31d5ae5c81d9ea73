package io.ttgateway.review;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ttgateway.support.Api.partner;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.InjectWireMock;
import io.ttgateway.support.TestConnections;
import io.ttgateway.support.ThumbtackWireMock;
import io.ttgateway.support.V4Deliveries;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/businesses/{b}/reviews/sync pages Thumbtack's reviews of a v4 business and stores the
 * new ones once. The v4 connection row is written by SQL (as the v4 OAuth flow writes it) and its grant's
 * token is a fixed stand-in ({@link FixedTokenSyncAccess}).
 */
@QuarkusTest
@TestProfile(FixedTokenProfile.class)
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class ReviewSyncTest {

    @InjectWireMock
    WireMockServer thumbtack;

    @Inject
    Db db;

    @Test
    void newReviewsAreStoredOnceAcrossPagesWithOneEventEach() {
        String business = v4Connection();
        String known = Fixtures.newId();
        List<String> ids = List.of(known, Fixtures.newId(), Fixtures.newId());
        stubPage(business, 0, page(true, ids.get(0), ids.get(1)));
        stubPage(business, 20, page(false, ids.get(2)));

        Response first = partner().post("/api/v1/businesses/" + business + "/reviews/sync");
        Response again = partner().post("/api/v1/businesses/" + business + "/reviews/sync");

        assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
        assertThat(first.jsonPath().getInt("new")).isEqualTo(3);
        assertThat(first.jsonPath().getInt("seen")).isEqualTo(3);
        assertThat(first.jsonPath().getBoolean("complete")).isTrue();
        assertThat(again.jsonPath().getInt("new")).isZero();
        String[] array = ids.toArray(String[]::new);
        assertThat(db.count("select count(*) from review where review_id = any($1) and business_id = $2", array,
                business)).isEqualTo(3);
        assertThat(db.count("select count(*) from event where type = 'review.received'"
                + " and data#>>'{review,reviewID}' = any($1)", (Object) array)).isEqualTo(3);
        assertThat(db.one("select review_event_type from review where review_id = $1", known).getString(0))
                .isEqualTo("v4.sync");
        thumbtack.verify(getRequestedFor(urlPathEqualTo("/api/v4/businesses/" + business + "/reviews"))
                .withHeader("Authorization", equalTo("Bearer " + FixedTokenSyncAccess.TOKEN)));
    }

    @Test
    void anItemWithoutAReviewIdIsCountedAndLeftOut() {
        String business = v4Connection();
        ObjectNode page = page(false, Fixtures.newId());
        ((ObjectNode) page.get("data").get(0)).remove("reviewID");
        stubPage(business, 0, page);

        Response answer = partner().post("/api/v1/businesses/" + business + "/reviews/sync");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.jsonPath().getInt("new")).isZero();
        assertThat(answer.jsonPath().getInt("invalid")).isEqualTo(1);
    }

    @Test
    void anUnknownBusinessIs404AndALegacyConnectionIs409() {
        partner().post("/api/v1/businesses/" + Fixtures.newId() + "/reviews/sync").then().statusCode(404);

        TestConnections.Connected legacy = TestConnections.connect();
        partner().post("/api/v1/businesses/" + legacy.businessPk() + "/reviews/sync").then().statusCode(409);
    }

    @Test
    void thumbtackRefusingIs502AndNothingIsStored() {
        String business = v4Connection();
        thumbtack.stubFor(get(urlPathEqualTo("/api/v4/businesses/" + business + "/reviews"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\":\"Forbidden\",\"status\":403}")));

        partner().post("/api/v1/businesses/" + business + "/reviews/sync").then().statusCode(502);

        assertThat(db.count("select count(*) from review where business_id = $1", business)).isZero();
    }

    private String v4Connection() {
        String business = Fixtures.newId();
        long grant = db.one("insert into oauth_grant (scopes, status) values ('supply::businesses.list', 'NEEDS_REAUTH')"
                + " returning id").getLong(0);
        db.rows("insert into connection (business_pk, business_name, scopes, status, api_version, grant_id,"
                + " connected_at, updated_at) values ($1, 'v4 business', '', 'CONNECTED', 'v4', $2, now(), now())",
                business, grant);
        return business;
    }

    private void stubPage(String business, int offset, ObjectNode page) {
        thumbtack.stubFor(get(urlPathEqualTo("/api/v4/businesses/" + business + "/reviews"))
                .withQueryParam("offset", equalTo(String.valueOf(offset)))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page.toString())));
    }

    private static ObjectNode page(boolean next, String... reviewIds) {
        ObjectNode page = Fixtures.JSON.createObjectNode();
        ArrayNode data = page.putArray("data");
        for (String id : reviewIds) {
            ObjectNode item = V4Deliveries.data(V4Deliveries.review(id)).deepCopy();
            item.put("responseText", "Thank you!");
            data.add(item);
        }
        page.putObject("pagination").put("limit", 20).put("offset", 0).put("next", next ? "abc" : "");
        return page;
    }
}
