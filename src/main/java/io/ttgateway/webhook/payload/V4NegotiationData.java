package io.ttgateway.webhook.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * data of a v4 NegotiationCreatedV4 delivery (a new lead). Only negotiationID is required: Thumbtack's
 * own examples show an older, trimmed shape (createTime instead of createdAt, customer.displayName), so
 * everything else is read when present. Limits are the lead table's column sizes.
 */
@RegisterForReflection
public record V4NegotiationData(
        @NotBlank @Size(max = Ids.MAX_ID) String negotiationID,
        String createdAt,
        String createTime,
        @Size(max = 32) String status,
        @Size(max = 64) String chargeState,
        String leadPrice,
        @Valid Business business,
        @Valid Customer customer,
        Estimate estimate,
        @Valid Request request) {

    public record Business(@Size(max = Ids.MAX_ID) String businessID, String name) {}

    public record Customer(@Size(max = Ids.MAX_ID) String customerID, String firstName, String lastName,
            String displayName, String phone) {}

    public record Estimate(String type, String total) {}

    public record Request(
            @Size(max = Ids.MAX_ID) String requestID,
            @Valid Category category,
            String description,
            Location location,
            List<@NotNull @Valid Detail> details,
            /** A list of travel preferences; older shapes may send one text. */
            JsonNode travelPreferences,
            List<@NotNull @Valid Attachment> attachments) {}

    public record Category(@Size(max = Ids.MAX_ID) String categoryID, String name) {}

    public record Location(String address1, String address2, String city, String state, String zipCode) {}

    public record Detail(@NotNull String question, @NotNull String answer) {}
}
