package io.ttgateway.feed;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One event as the partner API shows it; data is the stored JSON, passed through unchanged. txId (the
 * writing transaction) places it in the feed's order and is not shown: cursors carry it.
 */
public record FeedEvent(@JsonIgnore long txId, long id, String type, Instant occurredAt, String businessId,
        String leadId, @Schema(ref = "FreeFormObject", description = "The event's own data, as "
                + "stored.") @JsonRawValue String data) {}
