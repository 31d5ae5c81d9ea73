package io.ttgateway.review;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.ttgateway.common.AttachmentColumns;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A file attached to a review, in the order Thumbtack sent them. */
@Entity
@Table(name = "review_photo")
public class ReviewPhoto extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "review_id", nullable = false)
    public String reviewId;

    public int position;

    @Embedded
    public AttachmentColumns file = new AttachmentColumns();
}
