package io.ttgateway.webhook.payload;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** PUT /v1/lead/update (reference: Partner Endpoints, Update Lead). */
@RegisterForReflection
public record LeadUpdatePayload(
        @NotBlank @Size(max = Ids.MAX_ID) String leadID,
        String leadPrice,
        @Size(max = Ids.MAX_ID) String chargeState) {}
