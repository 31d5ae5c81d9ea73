package io.ttgateway.lead;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.AttachmentView;
import io.ttgateway.common.Cursors;
import io.ttgateway.common.NotFoundException;
import io.ttgateway.common.Page;
import io.ttgateway.message.Message;
import io.ttgateway.message.MessageAttachment;
import io.ttgateway.message.MessageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads leads for the partner API: pages newest first, and one lead with its conversation. */
@ApplicationScoped
public class LeadReadService {

    static final String CURSOR_KIND = "lead";

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
                .onItem().ifNull().failWith(() -> new NotFoundException("no lead " + leadId))
                .chain(lead -> conversation(leadId)
                        .chain(conversation -> views(List.of(lead), Map.of(leadId, conversation))))
                .map(list -> list.get(0));
    }

    private Uni<List<LeadView>> views(List<Lead> page, Map<String, List<ConversationEntry>> conversations) {
        if (page.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = page.stream().map(lead -> lead.leadId).toList();
        return parts.details(ids).chain(details -> parts.attachments(ids).map(files -> {
            Map<String, List<LeadView.Detail>> detailsByLead = details.stream().collect(Collectors.groupingBy(
                    d -> d.leadId, Collectors.mapping(d -> new LeadView.Detail(d.question, d.answer),
                            Collectors.toList())));
            Map<String, List<AttachmentView>> filesByLead = files.stream().collect(Collectors.groupingBy(
                    f -> f.leadId, Collectors.mapping(f -> AttachmentView.of(f.file), Collectors.toList())));
            return page.stream().map(lead -> LeadView.of(lead,
                    detailsByLead.getOrDefault(lead.leadId, List.of()),
                    filesByLead.getOrDefault(lead.leadId, List.of()),
                    conversations.get(lead.leadId))).toList();
        }));
    }

    /** Customer messages and the pro's outbound ones, in time order. */
    private Uni<List<ConversationEntry>> conversation(String leadId) {
        Uni<List<ConversationEntry>> inbound = messages.forLead(leadId).chain(this::inbound);
        Uni<List<ConversationEntry>> all = inbound;
        for (OutboundConversation source : outbound) {
            all = all.chain(sofar -> source.forLead(leadId).map(out -> {
                List<ConversationEntry> merged = new ArrayList<>(sofar);
                merged.addAll(out);
                return merged;
            }));
        }
        return all.map(entries -> entries.stream()
                .sorted(Comparator.comparing(ConversationEntry::at, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList());
    }

    private Uni<List<ConversationEntry>> inbound(List<Message> found) {
        if (found.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return messages.attachments(found.stream().map(m -> m.messageId).toList()).map(files -> {
            Map<String, List<AttachmentView>> byMessage = files.stream().collect(Collectors.groupingBy(
                    (MessageAttachment f) -> f.messageId,
                    Collectors.mapping(f -> AttachmentView.of(f.file), Collectors.toList())));
            return found.stream().map(m -> ConversationEntry.inbound(m.messageId, m.text,
                    m.createdAt != null ? m.createdAt : m.receivedAt,
                    byMessage.getOrDefault(m.messageId, List.of()))).toList();
        });
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
