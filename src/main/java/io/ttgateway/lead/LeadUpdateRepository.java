package io.ttgateway.lead;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
@WithSession
public class LeadUpdateRepository implements PanacheRepositoryBase<LeadUpdate, Long> {

    /** Updates that arrived before their lead, oldest first. */
    public Uni<List<LeadUpdate>> pendingFor(String leadId) {
        return list("leadId = ?1 and appliedAt is null", Sort.by("id"), leadId);
    }

    public Uni<LeadUpdate> latestFor(String leadId) {
        return find("leadId", Sort.descending("id"), leadId).firstResult();
    }
}
