package io.ttgateway.webhook.payload;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** POST /v1/review (reference: Partner Endpoints, Reviews). */
@RegisterForReflection
public record ReviewPayload(
        @NotNull @Valid Review review,
        @NotBlank @Size(max = Ids.MAX_ID) String reviewEventType) {

    public record Review(
            @NotBlank @Size(max = Ids.MAX_ID) String reviewID,
            @NotBlank @Size(max = Ids.MAX_ID) String businessID,
            @Size(max = Ids.MAX_ID) String leadID,
            @Size(max = Ids.MAX_ID) String categoryID,
            @NotBlank @Size(max = 16) String rating,
            String text,
            String reviewerName,
            String reviewerNickname,
            @NotBlank @Pattern(regexp = Ids.EPOCH, message = Ids.EPOCH_MESSAGE) String createTime,
            @Pattern(regexp = Ids.EPOCH, message = Ids.EPOCH_MESSAGE) String modifyTime,
            @NotNull Boolean verified,
            List<@NotNull @Valid Attachment> photos) {}
}
