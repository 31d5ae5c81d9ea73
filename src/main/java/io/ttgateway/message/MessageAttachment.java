package io.ttgateway.message;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.ttgateway.common.AttachmentColumns;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A file attached to a message, in the order Thumbtack sent them. */
@Entity
@Table(name = "message_attachment")
public class MessageAttachment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "message_id", nullable = false)
    public String messageId;

    public int position;

    @Embedded
    public AttachmentColumns file = new AttachmentColumns();
}
