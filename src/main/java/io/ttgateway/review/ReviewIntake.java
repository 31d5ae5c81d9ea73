package io.ttgateway.review;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.Epochs;
import io.ttgateway.common.KeyLocks;
import io.ttgateway.event.EventLog;
import io.ttgateway.event.NewEvent;
import io.ttgateway.webhook.Outcome;
import io.ttgateway.webhook.Parsed;
import io.ttgateway.webhook.payload.Attachments;
import io.ttgateway.webhook.payload.ReviewPayload;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Stores reviews, once per reviewID. */
@ApplicationScoped
public class ReviewIntake {

    private final KeyLocks locks;
    private final ReviewRepository reviews;
    private final EventLog events;

    ReviewIntake(KeyLocks locks, ReviewRepository reviews, EventLog events) {
        this.locks = locks;
        this.reviews = reviews;
        this.events = events;
    }

    @WithTransaction
    public Uni<Outcome> receive(Parsed<ReviewPayload> parsed) {
        String reviewId = parsed.payload().review().reviewID();
        return locks.lock("review", reviewId)
                .chain(() -> reviews.findByReviewId(reviewId))
                .chain(existing -> existing != null ? Uni.createFrom().item(Outcome.DUPLICATE) : store(parsed));
    }

    private Uni<Outcome> store(Parsed<ReviewPayload> parsed) {
        ReviewPayload.Review r = parsed.payload().review();
        Review review = new Review();
        review.reviewId = r.reviewID();
        review.businessId = r.businessID();
        review.leadId = r.leadID();
        review.categoryId = r.categoryID();
        review.rating = r.rating();
        review.text = r.text();
        review.reviewerName = r.reviewerName();
        review.reviewerNickname = r.reviewerNickname();
        review.verified = r.verified();
        review.createdAt = Epochs.toInstant(r.createTime());
        review.modifiedAt = Epochs.toInstant(r.modifyTime());
        review.reviewEventType = parsed.payload().reviewEventType();
        review.raw = parsed.rawJson();
        review.rawText = parsed.rawText();
        review.receivedAt = Instant.now();
        List<ReviewPhoto> photos = Attachments.toEntities(r.photos(), (i, file) -> {
            ReviewPhoto photo = new ReviewPhoto();
            photo.reviewId = review.reviewId;
            photo.position = i;
            photo.file = file;
            return photo;
        });
        return reviews.persist(review)
                .chain(() -> Panache.getSession().chain(s -> s.persistAll(photos.toArray())))
                .chain(() -> events.append(NewEvent.reviewReceived(review.businessId, review.leadId, review.raw)))
                .replaceWith(Outcome.STORED);
    }
}
