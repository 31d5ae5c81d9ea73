package io.ttgateway.lead;

/**
 * The row one lead webhook becomes: the lead, with its request details and attachments in its own columns
 * ({@link LeadParts}). eventData is the data of its lead.received event when that is not the lead's
 * payload as received (a v4 lead's event has the legacy lead's shape), stored in the lead's
 * received_event_data column; null for a legacy lead. The feed reads either from the lead (V7, V19).
 */
record NewLead(Lead lead, String eventData) {

    NewLead(Lead lead) {
        this(lead, null);
    }
}
