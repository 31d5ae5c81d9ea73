package io.ttgateway.lead;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.AttachmentView;
import io.ttgateway.common.Cursors;
import io.ttgateway.common.ResourceNotFoundException;
import io.ttgateway.common.Page;
import io.ttgateway.message.Message;
import io.ttgateway.message.MessageAttachment;
import io.ttgateway.message.MessageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads leads for the partner API: pages newest first, and one lead with its conversation. */
@ApplicationScoped
public class LeadReadService {

    static final String CURSOR_KIND = "lead";

    private static final LeadParts NO_PARTS = new LeadParts(List.of(), List.of());

    private final LeadRepository leads;
    private final LeadPartsRepository parts;
    private final MessageRepository messages;
    private final List<OutboundConversation> outbound;

    LeadReadService(LeadRepository leads, LeadPartsRepository parts, MessageRepository messages,
            jakarta.enterprise.inject.Instance<OutboundConversation> outbound) {
        this.leads = leads;
        this.parts = parts;
        this.messages = messages;
        this.outbound = outbound.stream().toList();
    }

    @WithSession
    public Uni<Page<LeadView>> page(String businessId, Integer limit, String cursor) {
        int size = Cursors.limit(limit, 50, 200);
        long before = Cursors.decode(CURSOR_KIND, cursor);
        return leads.page(blankToNull(businessId), before, size + 1).chain(found -> {
            List<Lead> page = found.size() > size ? found.subList(0, size) : found;
            String next = found.size() > size ? Cursors.encode(CURSOR_KIND, page.get(size - 1).id) : null;
            return views(page, Map.of()).map(items -> new Page<>(items, next));
        });
    }

    @WithSession
    public Uni<LeadView> one(String leadId) {
        return leads.findByLeadId(leadId)
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException("no lead " + leadId))
                .chain(lead -> conversation(leadId)
                        .chain(conversation -> views(List.of(lead), Map.of(leadId, conversation))))
                .map(list -> list.get(0));
    }

    /**
     * The leads as the API shows them. A lead stored since V18 carries its details and attachments in its
     * own row; those of older leads are read from their tables, one query each for the page, and only
     * when the page holds such a lead.
     */
    private Uni<List<LeadView>> views(List<Lead> page, Map<String, List<ConversationEntry>> conversations) {
        if (page.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> older = page.stream().filter(lead -> lead.details == null).map(lead -> lead.leadId).toList();
        return olderParts(older).map(partsOfOlder -> page.stream().map(lead -> {
            LeadParts parts = lead.details != null ? LeadParts.read(lead.details, lead.attachments)
                    : partsOfOlder.getOrDefault(lead.leadId, NO_PARTS);
            return LeadView.of(lead, parts.details(), parts.attachments(), conversations.get(lead.leadId));
        }).toList());
    }

    /** The details and attachments of leads stored before V18, from lead_detail and lead_attachment. */
    private Uni<Map<String, LeadParts>> olderParts(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return parts.details(ids).chain(details -> parts.attachments(ids).map(files -> {
            Map<String, List<LeadView.Detail>> detailsByLead = details.stream().collect(Collectors.groupingBy(
                    d -> d.leadId, Collectors.mapping(d -> new LeadView.Detail(d.question, d.answer),
                            Collectors.toList())));
            Map<String, List<AttachmentView>> filesByLead = files.stream().collect(Collectors.groupingBy(
                    f -> f.leadId, Collectors.mapping(f -> AttachmentView.of(f.file), Collectors.toList())));
            return ids.stream().collect(Collectors.toMap(id -> id,
                    id -> new LeadParts(detailsByLead.getOrDefault(id, List.of()), filesByLead.getOrDefault(id, List.of()))));
        }));
    }

    /**
     * Customer messages, the pro's messages Thumbtack delivered (v4) and the pro's outbound ones, in time
     * order, each once: a delivered pro message that may be the echo of a send still in flight
     * (echo_pending) with the text of a pending outbound message of the lead is that message, shown once
     * as the outbound one. (Once the send is recorded, its echo is deleted or released: see the outbox.)
     */
    private Uni<List<ConversationEntry>> conversation(String leadId) {
        Uni<List<ConversationEntry>> outbound = Uni.createFrom().item(List.of());
        for (OutboundConversation source : this.outbound) {
            outbound = outbound.chain(sofar -> source.forLead(leadId).map(out -> {
                List<ConversationEntry> merged = new ArrayList<>(sofar);
                merged.addAll(out);
                return merged;
            }));
        }
        return outbound.chain(out -> messages.forLead(leadId).chain(found -> parts.messageSides(leadId).chain(sides -> {
            Map<String, LeadPartsRepository.MessageSide> sideOf = sides.stream()
                    .collect(Collectors.toMap(LeadPartsRepository.MessageSide::messageId, side -> side, (a, b) -> a));
            List<String> pendingTexts = out.stream().filter(entry -> "PENDING".equals(entry.status()))
                    .map(ConversationEntry::text).toList();
            List<Message> shown = found.stream().filter(m -> {
                LeadPartsRepository.MessageSide side = sideOf.get(m.messageId);
                return side == null || !(side.pro() && side.echoPending() && pendingTexts.contains(m.text));
            }).toList();
            return stored(shown, sideOf).map(in -> {
                List<ConversationEntry> merged = new ArrayList<>(in);
                merged.addAll(out);
                return merged.stream()
                        .sorted(Comparator.comparing(ConversationEntry::at, Comparator.nullsLast(Comparator.naturalOrder())))
                        .toList();
            });
        })));
    }

    private Uni<List<ConversationEntry>> stored(List<Message> found, Map<String, LeadPartsRepository.MessageSide> sideOf) {
        if (found.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return messages.attachments(found.stream().map(m -> m.messageId).toList()).map(files -> {
            Map<String, List<AttachmentView>> byMessage = files.stream().collect(Collectors.groupingBy(
                    (MessageAttachment f) -> f.messageId,
                    Collectors.mapping(f -> AttachmentView.of(f.file), Collectors.toList())));
            return found.stream().map(m -> {
                Instant at = m.createdAt != null ? m.createdAt : m.receivedAt;
                List<AttachmentView> attached = byMessage.getOrDefault(m.messageId, List.of());
                LeadPartsRepository.MessageSide side = sideOf.get(m.messageId);
                return side != null && side.pro()
                        ? ConversationEntry.proMessage(m.messageId, m.text, at, attached)
                        : ConversationEntry.inbound(m.messageId, m.text, at, attached);
            }).toList();
        });
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
