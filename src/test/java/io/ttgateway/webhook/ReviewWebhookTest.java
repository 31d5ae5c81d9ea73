package io.ttgateway.webhook;

import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ttgateway.support.Concurrently;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** POST /v1/review: 200, stored once per reviewID. */
@QuarkusTest
class ReviewWebhookTest {

    @Inject
    Db db;

    @Test
    void storesEveryFieldOfTheSampleReviewAndOneEvent() {
        String reviewId = Fixtures.newId();

        post(Fixtures.review(reviewId).toString()).then().statusCode(200).body("status", equalTo("stored"));

        Row row = db.one("select * from review where review_id = $1", reviewId);
        assertThat(row.getString("business_id")).isEqualTo("286845156044809661");
        assertThat(row.getString("lead_id")).isEqualTo("299614694480093245");
        assertThat(row.getString("category_id")).isEqualTo("299614694480093245");
        assertThat(row.getString("rating")).isEqualTo("4");
        assertThat(row.getString("text")).isEqualTo("best service ever");
        assertThat(row.getString("reviewer_nickname")).isEqualTo("Nick Name");
        assertThat(row.getString("reviewer_name")).isNull();
        assertThat(row.getBoolean("verified")).isTrue();
        assertThat(row.getString("review_event_type")).isEqualTo("REVIEW_ADDED");
        assertThat(row.getOffsetDateTime("created_at").toInstant()).isEqualTo(Instant.ofEpochMilli(1517986598726L));
        assertThat(row.getOffsetDateTime("modified_at").toInstant()).isEqualTo(Instant.ofEpochMilli(1517986598726L));
        assertThat(row.getOffsetDateTime("received_at")).isNotNull();
        Row photo = db.one("select * from review_photo where review_id = $1", reviewId);
        assertThat(photo.getInteger("position")).isZero();
        assertThat(photo.getString("file_name")).isEqualTo("test_review_photo.jpg");
        assertThat(photo.getLong("file_size")).isEqualTo(20L);
        assertThat(photo.getString("mime_type")).isEqualTo("image/jpeg");
        assertThat(photo.getString("url"))
                .isEqualTo("test.url.com/attachment/b180b7d3bf981dd2896732f979f44fbf45fc4224/test_review_photo.jpg");
        assertThat(photo.getString("description")).isEqualTo("test review photo");
        Row event = db.one("select type, business_id, lead_id from event where data#>>'{review,reviewID}' = $1", reviewId);
        assertThat(event.getString(0)).isEqualTo("review.received");
        assertThat(event.getString(1)).isEqualTo("286845156044809661");
        assertThat(event.getString(2)).isEqualTo("299614694480093245");
    }

    @Test
    void anUnverifiedReviewWithOnlyTheRequiredFieldsIsStored() {
        String reviewId = Fixtures.newId();
        ObjectNode review = Fixtures.review(reviewId);
        ObjectNode inner = (ObjectNode) review.get("review");
        inner.remove(List.of("leadID", "categoryID", "text", "photos", "modifyTime", "reviewerNickname"));
        inner.put("verified", false).put("rating", "5");

        post(review.toString()).then().statusCode(200);

        Row row = db.one("select lead_id, verified, rating, modified_at from review where review_id = $1", reviewId);
        assertThat(row.getString(0)).isNull();
        assertThat(row.getBoolean(1)).isFalse();
        assertThat(row.getString(2)).isEqualTo("5");
        assertThat(row.getValue(3)).isNull();
        assertThat(db.count("select count(*) from review_photo where review_id = $1", reviewId)).isZero();
    }

    @Test
    void aRepeatedReviewIsStoredOnce() {
        String reviewId = Fixtures.newId();
        String body = Fixtures.review(reviewId).toString();

        post(body).then().statusCode(200).body("status", equalTo("stored"));
        post(body).then().statusCode(200).body("status", equalTo("duplicate"));

        assertStoredOnce(reviewId);
    }

    @Test
    void twentyConcurrentIdenticalReviewsAreStoredOnce() throws Exception {
        String reviewId = Fixtures.newId();
        String body = Fixtures.review(reviewId).toString();

        List<Integer> statuses = Concurrently.statuses(20, () -> post(body).statusCode());

        assertThat(statuses).containsOnly(200);
        assertStoredOnce(reviewId);
    }

    private void assertStoredOnce(String reviewId) {
        assertThat(db.count("select count(*) from review where review_id = $1", reviewId)).isEqualTo(1);
        assertThat(db.count("select count(*) from review_photo where review_id = $1", reviewId)).isEqualTo(1);
        assertThat(db.count("select count(*) from event where type = 'review.received' and data#>>'{review,reviewID}' = $1",
                reviewId)).isEqualTo(1);
    }

    private static Response post(String body) {
        return thumbtack().body(body).post("/v1/review");
    }
}
