package io.ttgateway.review;

import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.Api.thumbtack;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReviewReadTest {

    @Test
    void pagesReviewsOfOneBusinessNewestFirstWithPhotos() {
        String businessId = Fixtures.newId();
        String first = Fixtures.newId();
        String second = Fixtures.newId();
        for (String reviewId : new String[] {first, second}) {
            ObjectNode review = Fixtures.review(reviewId);
            ((ObjectNode) review.get("review")).put("businessID", businessId);
            thumbtack().body(review.toString()).post("/v1/review").then().statusCode(200);
        }

        String cursor = partner().queryParam("businessId", businessId).queryParam("limit", 1)
                .get("/api/v1/reviews").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].reviewId", equalTo(second))
                .body("items[0].rating", equalTo("4"))
                .body("items[0].verified", equalTo(true))
                .body("items[0].reviewerNickname", equalTo("Nick Name"))
                .body("items[0].photos[0].fileName", equalTo("test_review_photo.jpg"))
                .body("items[0].createdAt", equalTo("2018-02-07T06:56:38.726Z"))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");

        partner().queryParam("businessId", businessId).queryParam("limit", 1).queryParam("cursor", cursor)
                .get("/api/v1/reviews").then().statusCode(200)
                .body("items[0].reviewId", equalTo(first))
                .body("nextCursor", nullValue());
    }

    @Test
    void aLeadCursorIsNotAReviewCursor() {
        String leadCursor = io.ttgateway.common.Cursors.encode("lead", 10);
        partner().queryParam("cursor", leadCursor).get("/api/v1/reviews").then().statusCode(400)
                .body("details[0].field", equalTo("cursor"));
    }
}
