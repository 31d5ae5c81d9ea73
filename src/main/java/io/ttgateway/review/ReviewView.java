package io.ttgateway.review;

import io.ttgateway.common.AttachmentView;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A review as the partner API shows it. */
@Schema(name = "Review")
public record ReviewView(String reviewId, String businessId, String leadId, String categoryId, String rating,
        String text, String reviewerName, String reviewerNickname, Boolean verified, Instant createdAt,
        Instant modifiedAt, String reviewEventType, Instant receivedAt, List<AttachmentView> photos) {

    static ReviewView of(Review r, List<AttachmentView> photos) {
        return new ReviewView(r.reviewId, r.businessId, r.leadId, r.categoryId, r.rating, r.text, r.reviewerName,
                r.reviewerNickname, r.verified, r.createdAt, r.modifiedAt, r.reviewEventType, r.receivedAt, photos);
    }
}
