package io.ttgateway.common;

/** An attachment as the partner API shows it. */
public record AttachmentView(String fileName, long fileSize, String mimeType, String url, String description) {

    public static AttachmentView of(AttachmentColumns file) {
        return new AttachmentView(file.fileName, file.fileSize, file.mimeType, file.url, file.description);
    }
}
