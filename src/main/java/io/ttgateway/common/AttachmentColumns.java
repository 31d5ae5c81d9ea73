package io.ttgateway.common;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The attachment shape shared by lead requests, messages and review photos. Its place in its owner's list
 * (the position column) is the owning row's own: part of a lead attachment's key.
 */
@Embeddable
public class AttachmentColumns {

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "file_size")
    public long fileSize;

    @Column(name = "mime_type")
    public String mimeType;

    public String url;
    public String description;
}
