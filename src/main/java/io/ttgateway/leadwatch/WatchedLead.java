package io.ttgateway.leadwatch;

/** A v4 lead due for a read: its negotiationID and the business whose grant reads it. */
record WatchedLead(String leadId, String businessId) {
}
