package io.ttgateway.lead;

import io.ttgateway.common.Epochs;
import io.ttgateway.webhook.Parsed;
import io.ttgateway.webhook.payload.LeadPayload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns a lead webhook into the row it becomes: the lead, with its request details and its attachments. */
final class LeadRecords {

    private LeadRecords() {
    }

    static NewLead from(Parsed<LeadPayload> parsed, Instant now) {
        LeadPayload p = parsed.payload();
        LeadPayload.Request r = p.request();
        Lead lead = new Lead();
        lead.leadId = p.leadID();
        lead.createdAt = Epochs.toInstant(p.createTimestamp());
        lead.requestId = r.requestID();
        lead.category = r.category();
        lead.categoryId = r.categoryID();
        lead.title = r.title();
        lead.description = r.description();
        lead.schedule = r.schedule();
        lead.travelPreferences = r.travelPreferences();
        lead.address1 = r.location().address1();
        lead.address2 = r.location().address2();
        lead.city = r.location().city();
        lead.state = r.location().state();
        lead.zipCode = r.location().zipCode();
        lead.customerId = p.customer().customerID();
        lead.customerName = p.customer().name();
        lead.customerPhone = p.customer().phone();
        lead.businessId = p.business().businessID();
        lead.businessName = p.business().name();
        lead.price = p.price();
        lead.leadType = p.leadType();
        lead.leadPrice = p.leadPrice();
        lead.chargeState = p.chargeState();
        lead.payload = parsed.rawJson();
        lead.rawText = parsed.rawText();
        lead.receivedAt = now;
        lead.updatedAt = now;

        List<LeadView.Detail> details = new ArrayList<>();
        if (r.details() != null) {
            for (LeadPayload.Detail detail : r.details()) {
                details.add(new LeadView.Detail(detail.question(), detail.answer()));
            }
        }
        LeadParts.delivered(details, r.attachments()).storeIn(lead);
        return new NewLead(lead);
    }
}
