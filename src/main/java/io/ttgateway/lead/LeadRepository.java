package io.ttgateway.lead;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
@WithSession
public class LeadRepository implements PanacheRepositoryBase<Lead, Long> {

    public Uni<Lead> findByLeadId(String leadId) {
        return find("leadId", leadId).firstResult();
    }
}
