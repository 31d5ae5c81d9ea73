package io.ttgateway.lead;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ttgateway.common.AttachmentView;
import java.time.Instant;
import java.util.List;

/**
 * One message on a lead's conversation: "in" from the customer (webhook) or "out" from the pro:
 * queued through the partner API (its id is the outbound message's, with its delivery status), or,
 * for v4 leads, written by the pro elsewhere and delivered by Thumbtack (Thumbtack's messageID, no status).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationEntry(
        String direction,
        String id,
        String text,
        Instant at,
        List<AttachmentView> attachments,
        String status) {

    public static ConversationEntry inbound(String messageId, String text, Instant at, List<AttachmentView> files) {
        return new ConversationEntry("in", messageId, text, at, files, null);
    }

    public static ConversationEntry proMessage(String messageId, String text, Instant at, List<AttachmentView> files) {
        return new ConversationEntry("out", messageId, text, at, files, null);
    }

    public static ConversationEntry outbound(String id, String text, Instant at, String status) {
        return new ConversationEntry("out", id, text, at, null, status);
    }
}
