package io.ttgateway.lead;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.KeyLocks;
import io.ttgateway.config.GatewayConfig;
import io.ttgateway.event.EventLog;
import io.ttgateway.event.NewEvent;
import io.ttgateway.webhook.Outcome;
import io.ttgateway.webhook.Parsed;
import io.ttgateway.webhook.payload.LeadPayload;
import io.ttgateway.webhook.payload.LeadUpdatePayload;
import io.ttgateway.webhook.payload.V4NegotiationData;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Stores leads (legacy webhooks and v4 NegotiationCreatedV4 deliveries alike: one lead table whatever
 * API brought them) and lead updates. Both take the lead's advisory lock first, so a lead and an update
 * racing each other always end with the update applied, and a repeated lead is seen as a repeat.
 */
@ApplicationScoped
public class LeadIntake {

    private final KeyLocks locks;
    private final LeadRepository leads;
    private final LeadUpdateRepository updates;
    private final EventLog events;
    private final LeadWriter writer;
    private final Duration v4Poll;

    LeadIntake(KeyLocks locks, LeadRepository leads, LeadUpdateRepository updates, EventLog events,
            LeadWriter writer, GatewayConfig config) {
        this.locks = locks;
        this.leads = leads;
        this.updates = updates;
        this.events = events;
        this.writer = writer;
        this.v4Poll = config.v4().leadPoll();
    }

    /** Stored by a batch transaction (see {@link LeadWriter}); no Hibernate session on this path. */
    public Uni<Outcome> receiveLead(Parsed<LeadPayload> parsed) {
        return store(LeadRecords.from(parsed, Instant.now()));
    }

    /**
     * A v4 lead, stored by the same batch transactions as a legacy one; {@code businessId} is its
     * webhook's (a delivery naming another business never gets here).
     */
    public Uni<Outcome> receiveV4Lead(Parsed<?> delivery, V4NegotiationData lead, String businessId) {
        return store(V4LeadRecords.from(delivery, lead, businessId, Instant.now(), v4Poll));
    }

    private Uni<Outcome> store(NewLead lead) {
        return writer.storeNew(lead).map(stored -> stored ? Outcome.STORED : Outcome.DUPLICATE);
    }

    private static void apply(Lead lead, LeadUpdate update, Instant now) {
        LeadColumn.UPDATED.forEach(column -> column.copy(update, lead));
        lead.updatedAt = now;
        update.appliedAt = now;
    }

    /**
     * An update equal to any earlier update of its lead (same leadPrice and chargeState, the values an
     * update sets: {@link LeadColumn#UPDATED}) is a repeat and changes nothing: a redelivery of A after B
     * must not take the lead back to A. Under the lead's lock, so racing redeliveries see each other.
     */
    @WithTransaction
    public Uni<Outcome> receiveUpdate(Parsed<LeadUpdatePayload> parsed) {
        LeadUpdatePayload p = parsed.payload();
        LeadUpdate update = new LeadUpdate();
        update.leadId = p.leadID();
        update.leadPrice = p.leadPrice();
        update.chargeState = p.chargeState();
        update.raw = parsed.rawJson();
        update.rawText = parsed.rawText();
        update.receivedAt = Instant.now();
        return locks.lock("lead", p.leadID())
                .chain(() -> updates.allFor(p.leadID()))
                .chain(earlier -> leads.findByLeadId(p.leadID())
                        .chain(lead -> earlier.stream().anyMatch(update::sameValuesAs)
                                ? Uni.createFrom().item(lead == null ? Outcome.LEAD_NOT_KNOWN : Outcome.DUPLICATE)
                                : storeUpdate(update, lead)));
    }

    private Uni<Outcome> storeUpdate(LeadUpdate update, Lead lead) {
        if (lead != null) {
            apply(lead, update, update.receivedAt);
        }
        return updates.persist(update)
                .chain(() -> events.append(NewEvent.leadUpdated(lead == null ? null : lead.businessId,
                        update.leadId, update.raw)))
                .replaceWith(lead == null ? Outcome.LEAD_NOT_KNOWN : Outcome.STORED);
    }
}
