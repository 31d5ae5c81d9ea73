package io.ttgateway.review;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.KeyLocks;
import io.ttgateway.connection.ApiVersion;
import io.ttgateway.event.EventLog;
import io.ttgateway.event.NewEvent;
import io.ttgateway.webhook.payload.V4ReviewData;
import io.ttgateway.webhook.payload.V4Times;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Stores v4 reviews, once per reviewID whichever way they came (a ReviewCreatedV4 delivery, the reviews
 * sync, a legacy review with the same ID), under the review's lock as legacy reviews are. A v4 review
 * has no verified flag (null) and its images stay in the raw payload only: they carry no file name,
 * size or type, which the review_photo rows require.
 */
@ApplicationScoped
public class V4ReviewIntake {

    /** review_event_type of a review read by the reviews sync (a delivery's is its eventType). */
    static final String SYNCED = "v4.sync";

    private final KeyLocks locks;
    private final ReviewRepository reviews;
    private final EventLog events;

    V4ReviewIntake(KeyLocks locks, ReviewRepository reviews, EventLog events) {
        this.locks = locks;
        this.events = events;
        this.reviews = reviews;
    }

    /** True when stored now, false when this reviewID was stored before. */
    @WithTransaction
    public Uni<Boolean> store(String businessId, V4ReviewData r, String rawJson, String rawText, String source) {
        return locks.lock("review", r.reviewID())
                .chain(() -> reviews.findByReviewId(r.reviewID()))
                .chain(existing -> existing != null ? Uni.createFrom().item(Boolean.FALSE)
                        : insert(businessId, r, rawJson, rawText, source));
    }

    private Uni<Boolean> insert(String businessId, V4ReviewData r, String rawJson, String rawText, String source) {
        Review review = new Review();
        review.reviewId = r.reviewID();
        review.businessId = businessId;
        review.leadId = r.negotiationID();
        review.categoryId = r.categoryID();
        review.rating = r.rating();
        review.text = r.reviewText();
        review.reviewerName = r.reviewerName();
        review.verified = null;
        review.createdAt = V4Times.parse(r.createTime(), "data.createTime");
        review.reviewEventType = source;
        review.raw = rawJson;
        review.rawText = rawText;
        review.receivedAt = Instant.now();
        return reviews.persist(review)
                .chain(() -> events.append(NewEvent.reviewReceived(new NewEvent.V4Review(review.reviewId,
                        review.businessId, review.leadId, review.categoryId, review.rating, review.text,
                        review.reviewerName, review.createdAt, review.reviewEventType, ApiVersion.V4.wireName()))))
                .replaceWith(Boolean.TRUE);
    }
}
