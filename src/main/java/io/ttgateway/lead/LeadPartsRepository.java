package io.ttgateway.lead;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import io.quarkus.hibernate.reactive.panache.Panache;

/**
 * Request details and attachments of leads stored before V18, several leads at once (one query each per
 * page); later leads keep theirs in their own row ({@link LeadParts}).
 */
@ApplicationScoped
@WithSession
public class LeadPartsRepository {

    public Uni<List<LeadDetail>> details(Collection<String> leadIds) {
        return LeadDetail.list("leadId in ?1", Sort.by("leadId").and("position"), leadIds);
    }

    public Uni<List<LeadAttachment>> attachments(Collection<String> leadIds) {
        return LeadAttachment.list("leadId in ?1", Sort.by("leadId").and("position"), leadIds);
    }

    /** Which side wrote each stored message of a lead, and whether its announcement waits for a send. */
    public record MessageSide(String messageId, String direction, boolean echoPending) {
        public boolean pro() {
            return "out".equals(direction);
        }
    }

    public Uni<List<MessageSide>> messageSides(String leadId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select message_id, direction, echo_pending from message where lead_id = :lead", Object[].class)
                .setParameter("lead", leadId)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new MessageSide((String) row[0], (String) row[1], (Boolean) row[2]))
                        .toList());
    }
}
