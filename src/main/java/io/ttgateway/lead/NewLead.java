package io.ttgateway.lead;

/**
 * The row one lead webhook becomes: the lead, with its request details and attachments in its own columns
 * ({@link LeadParts}). eventData is the data of its lead.received event when that is not the lead's
 * payload as received (a v4 lead's event has the legacy lead's shape); null for a legacy lead, whose
 * event the feed reads from the lead's payload.
 */
record NewLead(Lead lead, String eventData) {

    NewLead(Lead lead) {
        this(lead, null);
    }
}
