package io.ttgateway.webhook.payload;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * data of a v4 MessageCreatedV4 delivery: a message of either side of a lead's conversation
 * ({@code from} Customer or Business). text may be absent when the message is only attachments.
 */
@RegisterForReflection
public record V4MessageData(
        @NotBlank @Size(max = Ids.MAX_ID) String messageID,
        @NotBlank @Size(max = Ids.MAX_ID) String negotiationID,
        @NotNull @Pattern(regexp = "Customer|Business", message = "must be Customer or Business") String from,
        @Valid Party customer,
        String text,
        List<@NotNull @Valid Attachment> attachments,
        String sentAt) {

    public record Party(@Size(max = Ids.MAX_ID) String customerID, String displayName) {}

    public boolean fromCustomer() {
        return "Customer".equals(from);
    }
}
