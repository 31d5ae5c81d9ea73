package io.ttgateway.outbox;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An outbound message as the partner API shows it. */
@Schema(name = "OutboundMessage")
public record OutboundView(UUID id, String businessId, String leadId, String text, OutboundMessage.Status status,
        int attempts, String lastError, Instant createdAt, Instant sentAt, Instant nextAttemptAt) {

    static OutboundView of(OutboundMessage m) {
        return new OutboundView(m.id, m.businessId, m.leadId, m.text, m.status, m.attempts, m.lastError,
                m.createdAt, m.sentAt, m.status == OutboundMessage.Status.PENDING ? m.nextAttemptAt : null);
    }
}
