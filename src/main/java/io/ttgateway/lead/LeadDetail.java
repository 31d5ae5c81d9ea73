package io.ttgateway.lead;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One question and answer of the request of a lead stored before V18 (later leads keep theirs in their row). */
@Entity
@Table(name = "lead_detail")
@IdClass(LeadPartKey.class)
public class LeadDetail extends PanacheEntityBase {

    @Id
    @Column(name = "lead_id", nullable = false)
    public String leadId;

    @Id
    public int position;

    public String question;
    public String answer;
}
