package io.ttgateway.connection;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A v4 grant: the token pair of one pro's Thumbtack user, shared by the v4 connections of the
 * businesses it covers (connection.grant_id). Tokens only as ciphertext (TokenCipher), bound to the
 * grant's id and the column.
 */
@Entity
@Table(name = "oauth_grant")
public class OAuthGrant extends SealedTokenPair {

    /** ACTIVE: tokens held and kept fresh; NEEDS_REAUTH: refused at Thumbtack; REVOKED: tokens erased. */
    public enum Status { ACTIVE, NEEDS_REAUTH, REVOKED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Granted scopes, space separated as OAuth sends them. */
    @Column(nullable = false)
    public String scopes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The associated data that binds a sealed token to this grant and this column. */
    public static String context(long grantId, String kind) {
        return "oauth_grant:" + grantId + ":" + kind;
    }
}
