package io.ttgateway.lead;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
@WithSession
class LeadUpdateRepository implements PanacheRepositoryBase<LeadUpdate, Long> {

    /** Every update of the lead received so far, in arrival order (a handful; lead_update_lead_idx). */
    public Uni<List<LeadUpdate>> allFor(String leadId) {
        return list("leadId", Sort.ascending("id"), leadId);
    }
}
