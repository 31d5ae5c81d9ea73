package io.ttgateway.lead;

import io.ttgateway.event.EventType;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

/**
 * The parameters of {@link LeadBatchSql}'s statement: one array per column ({@link LeadColumn#PARAMETERS}),
 * one element per row, and last the wire name of the events it writes.
 */
final class LeadBatchTuple {

    private LeadBatchTuple() {
    }

    static Tuple of(List<NewLead> batch, OffsetDateTime now) {
        List<Lead> leads = batch.stream().map(NewLead::lead).toList();
        Tuple tuple = Tuple.tuple();
        for (LeadColumn column : LeadColumn.PARAMETERS) {
            if (column.isTime()) {
                tuple.addArrayOfOffsetDateTime(leads.stream().map(l -> LeadBatchSql.time((Instant) column.of(l)))
                        .toArray(OffsetDateTime[]::new));
            } else {
                tuple.addArrayOfString(leads.stream().map(l -> (String) column.of(l)).toArray(String[]::new));
            }
        }
        return tuple.addArrayOfString(strings(batch, NewLead::eventData))
                .addValue(now)
                .addString(EventType.LEAD_RECEIVED.wireName());
    }

    private static <T> String[] strings(List<T> rows, Function<T, String> column) {
        return rows.stream().map(column).toArray(String[]::new);
    }
}
