package io.ttgateway.lead;

import java.util.List;

/** The rows one lead webhook becomes: the lead, its request details and its attachments. */
public record NewLead(Lead lead, List<LeadDetail> details, List<LeadAttachment> attachments) {
}
