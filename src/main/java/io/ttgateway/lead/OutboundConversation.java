package io.ttgateway.lead;

import io.smallrye.mutiny.Uni;
import java.util.List;

/** The pro's side of a lead's conversation, supplied by the outbound-message package. */
public interface OutboundConversation {

    Uni<List<ConversationEntry>> forLead(String leadId);
}
