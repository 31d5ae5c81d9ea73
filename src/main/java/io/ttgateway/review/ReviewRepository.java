package io.ttgateway.review;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
@WithSession
class ReviewRepository implements PanacheRepositoryBase<Review, Long> {

    public Uni<Review> findByReviewId(String reviewId) {
        return find("reviewId", reviewId).firstResult();
    }

    /** Newest first, keyset-paged on the internal id; businessId may be null for every business. */
    public Uni<List<Review>> page(String businessId, long beforeId, int limit) {
        PanacheQuery<Review> query = businessId == null
                ? find("id < ?1", Sort.descending("id"), beforeId)
                : find("businessId = ?1 and id < ?2", Sort.descending("id"), businessId, beforeId);
        return query.range(0, limit - 1).list();
    }

    public Uni<List<ReviewPhoto>> photos(Collection<String> reviewIds) {
        return ReviewPhoto.list("reviewId in ?1", Sort.by("reviewId").and("position"), reviewIds);
    }
}
