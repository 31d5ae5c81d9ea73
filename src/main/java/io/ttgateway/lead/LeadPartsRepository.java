package io.ttgateway.lead;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/** Request details and attachments of several leads at once (one query each per page). */
@ApplicationScoped
@WithSession
public class LeadPartsRepository {

    public Uni<List<LeadDetail>> details(Collection<String> leadIds) {
        return LeadDetail.list("leadId in ?1", Sort.by("leadId").and("position"), leadIds);
    }

    public Uni<List<LeadAttachment>> attachments(Collection<String> leadIds) {
        return LeadAttachment.list("leadId in ?1", Sort.by("leadId").and("file.position"), leadIds);
    }
}
