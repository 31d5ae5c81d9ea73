package io.ttgateway.webhook.payload;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** An attachment of a lead request or a message, or a review photo (same shape in the reference). */
@RegisterForReflection
public record Attachment(
        @NotBlank String fileName,
        @NotNull @PositiveOrZero Long fileSize,
        @NotBlank String mimeType,
        @NotBlank String url,
        String description) {}
