package io.ttgateway.review;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
@WithSession
public class ReviewRepository implements PanacheRepositoryBase<Review, Long> {

    public Uni<Review> findByReviewId(String reviewId) {
        return find("reviewId", reviewId).firstResult();
    }
}
