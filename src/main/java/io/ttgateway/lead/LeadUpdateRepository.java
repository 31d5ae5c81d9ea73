package io.ttgateway.lead;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
@WithSession
public class LeadUpdateRepository implements PanacheRepositoryBase<LeadUpdate, Long> {

    public Uni<LeadUpdate> latestFor(String leadId) {
        return find("leadId", Sort.descending("id"), leadId).firstResult();
    }
}
