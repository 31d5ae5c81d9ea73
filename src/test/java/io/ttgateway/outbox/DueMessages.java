package io.ttgateway.outbox;

import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Outbound messages written straight into the table, due now, without waking the worker. */
final class DueMessages {

    private DueMessages() {
    }

    /** One PENDING message ("hello") per lead, in the order given; their IDs. */
    static List<UUID> queue(Db db, String businessId, List<String> leadIds) {
        List<UUID> ids = new ArrayList<>();
        for (String leadId : leadIds) {
            UUID id = UUID.randomUUID();
            db.rows("""
                    insert into outbound_message (id, business_id, lead_id, text, status, attempts, next_attempt_at,
                                                  created_at, updated_at)
                    values ($1, $2, $3, 'hello', 'PENDING', 0, now(), now(), now())""", id, businessId, leadId);
            ids.add(id);
        }
        return ids;
    }

    /** {@code count} messages, each to a lead of its own. */
    static List<UUID> queue(Db db, String businessId, int count) {
        return queue(db, businessId, leads(count));
    }

    static List<String> leads(int count) {
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leads.add(Fixtures.newId());
        }
        return leads;
    }
}
