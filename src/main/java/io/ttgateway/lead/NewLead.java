package io.ttgateway.lead;

import java.util.List;

/**
 * The rows one lead webhook becomes: the lead, its request details and its attachments. eventData is
 * the data of its lead.received event when that is not the lead's raw payload as received (a v4 lead's
 * event has the legacy lead's shape); null for a legacy lead, whose event the feed reads from lead.raw.
 */
record NewLead(Lead lead, List<LeadDetail> details, List<LeadAttachment> attachments, String eventData) {

    NewLead(Lead lead, List<LeadDetail> details, List<LeadAttachment> attachments) {
        this(lead, details, attachments, null);
    }
}
