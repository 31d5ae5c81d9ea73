package io.ttgateway.review;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.AttachmentView;
import io.ttgateway.common.Cursors;
import io.ttgateway.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Pages of reviews, newest first, with their photos. */
@ApplicationScoped
public class ReviewReadService {

    static final String CURSOR_KIND = "review";

    private final ReviewRepository reviews;

    ReviewReadService(ReviewRepository reviews) {
        this.reviews = reviews;
    }

    @WithSession
    public Uni<Page<ReviewView>> page(String businessId, Integer limit, String cursor) {
        int size = Cursors.limit(limit, 50, 200);
        long before = Cursors.decode(CURSOR_KIND, cursor);
        String business = businessId == null || businessId.isBlank() ? null : businessId.trim();
        return reviews.page(business, before, size + 1).chain(found -> {
            List<Review> page = found.size() > size ? found.subList(0, size) : found;
            String next = found.size() > size ? Cursors.encode(CURSOR_KIND, page.get(size - 1).id) : null;
            if (page.isEmpty()) {
                return Uni.createFrom().item(new Page<ReviewView>(List.of(), null));
            }
            return reviews.photos(page.stream().map(r -> r.reviewId).toList()).map(photos -> {
                Map<String, List<AttachmentView>> byReview = photos.stream().collect(Collectors.groupingBy(
                        p -> p.reviewId, Collectors.mapping(p -> AttachmentView.of(p.file), Collectors.toList())));
                List<ReviewView> items = page.stream()
                        .map(r -> ReviewView.of(r, byReview.getOrDefault(r.reviewId, List.of()))).toList();
                return new Page<>(items, next);
            });
        });
    }
}
