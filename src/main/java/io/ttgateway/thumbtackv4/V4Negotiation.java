package io.ttgateway.thumbtackv4;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The parts of GET /api/v4/negotiations/{id} that change after the lead was delivered (v4 has no
 * update webhook): price, charge state and status.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record V4Negotiation(String negotiationID, String createdAt, String status, String chargeState,
        String leadPrice) {
}
