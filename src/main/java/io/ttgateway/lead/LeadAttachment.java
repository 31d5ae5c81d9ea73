package io.ttgateway.lead;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.ttgateway.common.AttachmentColumns;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A file attached to a lead stored before V18 (later leads keep theirs in their row). */
@Entity
@Table(name = "lead_attachment")
@IdClass(LeadPartKey.class)
public class LeadAttachment extends PanacheEntityBase {

    @Id
    @Column(name = "lead_id", nullable = false)
    public String leadId;

    @Id
    public int position;

    @Embedded
    public AttachmentColumns file = new AttachmentColumns();
}
