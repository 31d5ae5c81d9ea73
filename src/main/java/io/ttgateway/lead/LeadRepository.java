package io.ttgateway.lead;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
@WithSession
public class LeadRepository implements PanacheRepositoryBase<Lead, Long> {

    public Uni<Lead> findByLeadId(String leadId) {
        return find("leadId", leadId).firstResult();
    }

    /** Newest first, keyset-paged on the internal id; businessId may be null for every business. */
    public Uni<List<Lead>> page(String businessId, long beforeId, int limit) {
        PanacheQuery<Lead> query = businessId == null
                ? find("id < ?1", Sort.descending("id"), beforeId)
                : find("businessId = ?1 and id < ?2", Sort.descending("id"), businessId, beforeId);
        return query.range(0, limit - 1).list();
    }
}
