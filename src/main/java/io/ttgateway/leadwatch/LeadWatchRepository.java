package io.ttgateway.leadwatch;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The v4 lead watch's rows. A claim moves each claimed lead's next_poll_at one poll interval ahead in
 * the statement that selects it (SKIP LOCKED, committed at once): another replica's claim skips the
 * locked rows and then no longer finds them due, so each lead is read once per interval however many
 * replicas run. A replica that dies after its claim only delays those leads by one interval. Times
 * are the database's. A lead read on time keeps its phase within the interval (its next read is one
 * interval after the due time; intake spreads the first one), so reads stay spread over it; a lead
 * read late (a backlog after an outage) is spread again at random over the second half of the next
 * interval, so a backlog does not stay bunched.
 */
@ApplicationScoped
public class LeadWatchRepository {

    /** Answers the claimed leads in the order they were due (an overdue lead is read first). */
    static final String CLAIM = """
            with due as (
              select id, next_poll_at from lead
               where next_poll_at <= now() and api_version = 'v4'
                 and coalesce(created_at, received_at) > now() - $2::bigint * interval '1 millisecond'
               order by next_poll_at limit $3 for update skip locked),
            moved as (
              update lead l set next_poll_at = greatest(due.next_poll_at + $1::bigint * interval '1 millisecond',
                                                        now() + (0.5 + 0.5 * random()) * $1::bigint * interval '1 millisecond')
                from due where l.id = due.id
              returning l.lead_id, l.business_id, due.next_poll_at as was_due)
            select lead_id, business_id from moved order by was_due""";

    /**
     * Leads past the watch leave the (partial) poll index: they are never read again. Oldest due first:
     * the order is also what keeps the plan on the poll index. Without it, a plan made without statistics
     * on next_poll_at guessed that a third of all leads were due and that reading the table until the limit
     * filled was cheapest, and read every lead (legacy leads are never due) on every run.
     */
    static final String RETIRE = """
            update lead set next_poll_at = null
             where id in (select id from lead
                           where next_poll_at <= now()
                             and coalesce(created_at, received_at) <= now() - $1::bigint * interval '1 millisecond'
                           order by next_poll_at
                           limit $2 for update skip locked)""";

    /** Claimed leads not read (Thumbtack asked to slow down): due again after the pause. */
    private static final String POSTPONE = """
            update lead set next_poll_at = now() + $2::bigint * interval '1 millisecond' where lead_id = any($1)""";

    private final Pool pool;

    LeadWatchRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<WatchedLead>> claimDue(Duration poll, Duration watch, int limit) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(poll.toMillis(), watch.toMillis(), limit)).map(rows -> {
            List<WatchedLead> due = new ArrayList<>();
            for (Row row : rows) {
                due.add(new WatchedLead(row.getString("lead_id"), row.getString("business_id")));
            }
            return due;
        });
    }

    public Uni<Integer> retire(Duration watch, int limit) {
        return pool.preparedQuery(RETIRE).execute(Tuple.of(watch.toMillis(), limit)).map(rows -> rows.rowCount());
    }

    public Uni<Void> postpone(List<String> leadIds, Duration pause) {
        if (leadIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(POSTPONE).execute(Tuple.of(leadIds.toArray(new String[0]), pause.toMillis()))
                .replaceWithVoid();
    }
}
