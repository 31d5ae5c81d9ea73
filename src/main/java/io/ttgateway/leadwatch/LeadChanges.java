package io.ttgateway.leadwatch;

import io.smallrye.mutiny.Uni;
import io.ttgateway.event.NewEvent;
import io.ttgateway.thumbtackv4.V4Negotiation;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;

/**
 * Applies what a read of a v4 negotiation says to its lead, in one transaction: when its leadPrice,
 * chargeState or status differ from the stored ones, the lead row changes, a lead_update row records
 * the change (as a legacy update webhook's does), and event lead.updated carries the new values in the
 * legacy event's shape ({@code leadID, leadPrice, chargeState}) plus {@code status}. A field Thumbtack's
 * answer lacks keeps its stored value. The lead row's lock orders concurrent reads of one lead (the
 * watch and a sync): the second sees the first's values and changes nothing.
 */
@ApplicationScoped
public class LeadChanges {

    private static final String READ = """
            select business_id, lead_price, charge_state, status from lead where lead_id = $1 for update""";
    private static final String UPDATE = """
            update lead set lead_price = $2, charge_state = $3, status = $4, updated_at = now() where lead_id = $1""";
    private static final String RECORD = """
            insert into lead_update (lead_id, lead_price, charge_state, status, raw, received_at, applied_at)
            values ($1, $2, $3, $4, $5::text::jsonb, now(), now())""";
    private static final String ANNOUNCE = """
            insert into event (type, business_id, lead_id, occurred_at, data)
            values ($1, $2, $3, now(), $4::text::jsonb)""";

    private final Pool pool;

    LeadChanges(Pool pool) {
        this.pool = pool;
    }

    /** Whether the lead changed (false too for a lead that is not stored). */
    public Uni<Boolean> apply(String leadId, V4Negotiation read) {
        return pool.withTransaction(connection -> connection.preparedQuery(READ).execute(Tuple.of(leadId))
                .chain(rows -> {
                    RowIterator<Row> found = rows.iterator();
                    return found.hasNext() ? applyTo(connection, leadId, found.next(), read)
                            : Uni.createFrom().item(Boolean.FALSE);
                }));
    }

    private Uni<Boolean> applyTo(SqlConnection connection, String leadId, Row stored, V4Negotiation read) {
        String price = read.leadPrice() != null ? read.leadPrice() : stored.getString("lead_price");
        String charge = read.chargeState() != null ? read.chargeState() : stored.getString("charge_state");
        String status = read.status() != null ? read.status() : stored.getString("status");
        if (Objects.equals(price, stored.getString("lead_price")) && Objects.equals(charge, stored.getString("charge_state"))
                && Objects.equals(status, stored.getString("status"))) {
            return Uni.createFrom().item(Boolean.FALSE);
        }
        NewEvent event = NewEvent.leadChanged(stored.getString("business_id"), leadId, price, charge, status);
        return connection.preparedQuery(UPDATE).execute(Tuple.of(leadId, price, charge, status))
                .chain(() -> connection.preparedQuery(RECORD)
                        .execute(Tuple.of(leadId, price, charge, status, event.data())))
                .chain(() -> connection.preparedQuery(ANNOUNCE).execute(Tuple.of(event.type().wireName(),
                        event.businessId(), event.leadId(), event.data())))
                .replaceWith(Boolean.TRUE);
    }
}
