package io.ttgateway.lead;

import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The parameters of {@link LeadBatchSql}'s statement: one array per column, one element per row. */
final class LeadBatchTuple {

    private LeadBatchTuple() {
    }

    static Tuple of(List<NewLead> batch, OffsetDateTime now) {
        List<Lead> leads = batch.stream().map(NewLead::lead).toList();
        List<LeadDetail> details = new ArrayList<>();
        List<LeadAttachment> files = new ArrayList<>();
        for (NewLead lead : batch) {
            details.addAll(lead.details());
            files.addAll(lead.attachments());
        }
        Tuple tuple = Tuple.tuple()
                .addArrayOfString(strings(leads, l -> l.leadId))
                .addArrayOfOffsetDateTime(leads.stream().map(l -> LeadBatchSql.time(l.createdAt))
                        .toArray(OffsetDateTime[]::new));
        List<Function<Lead, String>> columns = List.of(l -> l.requestId, l -> l.category, l -> l.categoryId,
                l -> l.title, l -> l.description, l -> l.schedule, l -> l.travelPreferences, l -> l.address1,
                l -> l.address2, l -> l.city, l -> l.state, l -> l.zipCode, l -> l.customerId,
                l -> l.customerName, l -> l.customerPhone, l -> l.businessId, l -> l.businessName,
                l -> l.price, l -> l.leadType, l -> l.leadPrice, l -> l.chargeState, l -> l.raw);
        for (Function<Lead, String> column : columns) {
            tuple.addArrayOfString(strings(leads, column));
        }
        return tuple.addValue(now)
                .addArrayOfString(strings(details, d -> d.leadId))
                .addArrayOfInteger(details.stream().map(d -> d.position).toArray(Integer[]::new))
                .addArrayOfString(strings(details, d -> d.question))
                .addArrayOfString(strings(details, d -> d.answer))
                .addArrayOfString(strings(files, f -> f.leadId))
                .addArrayOfInteger(files.stream().map(f -> f.file.position).toArray(Integer[]::new))
                .addArrayOfString(strings(files, f -> f.file.fileName))
                .addArrayOfLong(files.stream().map(f -> f.file.fileSize).toArray(Long[]::new))
                .addArrayOfString(strings(files, f -> f.file.mimeType))
                .addArrayOfString(strings(files, f -> f.file.url))
                .addArrayOfString(strings(files, f -> f.file.description))
                // the body as received, for the few leads jsonb cannot hold as they are (null otherwise)
                .addArrayOfString(strings(leads, l -> l.rawText));
    }

    private static <T> String[] strings(List<T> rows, Function<T, String> column) {
        return rows.stream().map(column).toArray(String[]::new);
    }
}
