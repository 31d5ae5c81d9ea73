package io.ttgateway.lead;

import io.ttgateway.common.Epochs;
import io.ttgateway.webhook.Parsed;
import io.ttgateway.webhook.payload.Attachments;
import io.ttgateway.webhook.payload.LeadPayload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns a lead webhook into the rows it becomes: the lead, its request details and its attachments. */
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
        lead.raw = parsed.rawJson();
        lead.rawText = parsed.rawText();
        lead.receivedAt = now;
        lead.updatedAt = now;

        List<LeadDetail> details = new ArrayList<>();
        if (r.details() != null) {
            for (int i = 0; i < r.details().size(); i++) {
                LeadDetail detail = new LeadDetail();
                detail.leadId = p.leadID();
                detail.position = i;
                detail.question = r.details().get(i).question();
                detail.answer = r.details().get(i).answer();
                details.add(detail);
            }
        }
        List<LeadAttachment> attachments = Attachments.toEntities(r.attachments(), (i, file) -> {
            LeadAttachment attachment = new LeadAttachment();
            attachment.leadId = p.leadID();
            attachment.position = i;
            attachment.file = file;
            return attachment;
        });
        return new NewLead(lead, details, attachments);
    }
}
