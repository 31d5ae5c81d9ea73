package io.ttgateway.common;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An attachment as the partner API shows it. */
@Schema(name = "Attachment")
public record AttachmentView(String fileName, long fileSize, String mimeType, String url, String description) {

    public static AttachmentView of(AttachmentColumns file) {
        return new AttachmentView(file.fileName, file.fileSize, file.mimeType, file.url, file.description);
    }
}
