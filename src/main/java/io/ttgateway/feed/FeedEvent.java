package io.ttgateway.feed;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/** One event as the partner API shows it; data is the stored JSON, passed through unchanged. */
public record FeedEvent(long id, String type, Instant occurredAt, String businessId, String leadId,
        @JsonRawValue String data) {}
