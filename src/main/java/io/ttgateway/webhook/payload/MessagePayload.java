package io.ttgateway.webhook.payload;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** POST /v1/message (reference: Partner Endpoints, Messages). */
@RegisterForReflection
public record MessagePayload(
        @NotBlank @Size(max = Ids.MAX_ID) String leadID,
        @NotBlank @Size(max = Ids.MAX_ID) String customerID,
        @NotBlank @Size(max = Ids.MAX_ID) String businessID,
        @NotNull @Valid Message message) {

    public record Message(
            @NotBlank @Size(max = Ids.MAX_ID) String messageID,
            @NotBlank @Pattern(regexp = Ids.EPOCH, message = Ids.EPOCH_MESSAGE) String createTimestamp,
            @NotNull String text,
            List<@NotNull @Valid Attachment> attachments) {}
}
