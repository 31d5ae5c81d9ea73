package io.ttgateway.outbox;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An outbound message as the partner API shows it. */
// The 202 of a send carries it inside a Response, where Quarkus does not look for types to register.
@RegisterForReflection
@Schema(name = "OutboundMessage")
public record OutboundView(UUID id, String businessId, String leadId, String text, OutboundMessage.Status status,
        int attempts, String lastError, Instant createdAt, Instant sentAt, Instant nextAttemptAt) {

    static OutboundView of(OutboundMessage m) {
        return new OutboundView(m.id, m.businessId, m.leadId, m.text, m.status, m.attempts, m.lastError,
                m.createdAt, m.sentAt, m.status == OutboundMessage.Status.PENDING ? m.nextAttemptAt : null);
    }
}
