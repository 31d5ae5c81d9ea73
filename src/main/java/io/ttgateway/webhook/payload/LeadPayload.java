package io.ttgateway.webhook.payload;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;

/** POST /v1/lead (reference: Partner Endpoints, Leads). Required fields are the reference's "Y". */
@RegisterForReflection
public record LeadPayload(
        @NotBlank @Size(max = Ids.MAX_ID) String leadID,
        @NotBlank @Pattern(regexp = Ids.EPOCH, message = Ids.EPOCH_MESSAGE) String createTimestamp,
        @NotNull @Valid Request request,
        @NotNull @Valid Customer customer,
        @NotNull @Valid Business business,
        String price,
        @Size(max = Ids.MAX_ID) String leadType,
        String leadPrice,
        @Size(max = Ids.MAX_ID) String chargeState) {

    /** Lead types for which the reference requires a street address. */
    public static final Set<String> ON_SITE_TYPES = Set.of("INSTANT_BOOK", "BOOKING", "INSTANT_CONSULT", "SERVICE_CALL");

    public record Request(
            @NotBlank @Size(max = Ids.MAX_ID) String requestID,
            @NotNull String category,
            @NotBlank @Size(max = Ids.MAX_ID) String categoryID,
            @NotNull String title,
            String description,
            String schedule,
            @NotNull @Valid Location location,
            @NotNull String travelPreferences,
            List<@NotNull @Valid Detail> details,
            List<@NotNull @Valid Attachment> attachments) {}

    public record Location(String address1, String address2, @NotNull String city, @NotNull String state,
            @NotNull String zipCode) {}

    public record Detail(@NotNull String question, @NotNull String answer) {}

    public record Customer(@NotBlank @Size(max = Ids.MAX_ID) String customerID, @NotNull String name, String phone) {}

    public record Business(@NotBlank @Size(max = Ids.MAX_ID) String businessID, @NotNull String name) {}

    /** The reference makes address1 and address2 required only for on-site lead types. */
    public boolean needsStreetAddress() {
        return leadType != null && ON_SITE_TYPES.contains(leadType);
    }
}
