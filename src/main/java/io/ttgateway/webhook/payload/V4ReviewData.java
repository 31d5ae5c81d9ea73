package io.ttgateway.webhook.payload;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * data of a v4 ReviewCreatedV4 delivery, and an item of GET /api/v4/businesses/{b}/reviews (Thumbtack
 * documents no delivery shape; the reviews API's item is the best guess). rating may be a
 * number or text (kept as text, as the legacy reviews sent it).
 */
@RegisterForReflection
public record V4ReviewData(
        @NotBlank @Size(max = Ids.MAX_ID) String reviewID,
        @NotBlank @Size(max = 16) String rating,
        String reviewText,
        String reviewerName,
        String createTime,
        @Size(max = Ids.MAX_ID) String negotiationID,
        @Size(max = Ids.MAX_ID) String categoryID) {}
