package io.ttgateway.webhook.payload;

import io.ttgateway.common.AttachmentColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** Turns a payload's attachment list into entities, keeping Thumbtack's order (the factory gets each one's position). */
public final class Attachments {

    private Attachments() {}

    public static <E> List<E> toEntities(List<Attachment> attachments, BiFunction<Integer, AttachmentColumns, E> factory) {
        List<E> entities = new ArrayList<>();
        if (attachments == null) {
            return entities;
        }
        for (int i = 0; i < attachments.size(); i++) {
            Attachment a = attachments.get(i);
            AttachmentColumns file = new AttachmentColumns();
            file.fileName = a.fileName();
            file.fileSize = a.fileSize();
            file.mimeType = a.mimeType();
            file.url = a.url();
            file.description = a.description();
            entities.add(factory.apply(i, file));
        }
        return entities;
    }
}
