package io.ttgateway.connection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
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
public class OAuthGrant extends PanacheEntityBase {

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

    @Column(name = "access_token_ciphertext")
    public byte[] accessTokenCiphertext;

    @Column(name = "access_token_nonce")
    public byte[] accessTokenNonce;

    @Column(name = "access_token_key_id")
    public String accessTokenKeyId;

    @Column(name = "refresh_token_ciphertext")
    public byte[] refreshTokenCiphertext;

    @Column(name = "refresh_token_nonce")
    public byte[] refreshTokenNonce;

    @Column(name = "refresh_token_key_id")
    public String refreshTokenKeyId;

    @Column(name = "access_token_expires_at")
    public Instant accessTokenExpiresAt;

    @Column(name = "refresh_token_expires_at")
    public Instant refreshTokenExpiresAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "refresh_failures", nullable = false)
    public int refreshFailures;

    @Column(name = "next_refresh_attempt_at")
    public Instant nextRefreshAttemptAt;

    @Column(name = "last_refresh_error")
    public String lastRefreshError;

    @Column(name = "refresh_lease_id")
    public String refreshLeaseId;

    @Column(name = "refresh_lease_until")
    public Instant refreshLeaseUntil;

    SealedValue accessToken() {
        return accessTokenCiphertext == null ? null
                : new SealedValue(accessTokenCiphertext, accessTokenNonce, accessTokenKeyId);
    }

    SealedValue refreshToken() {
        return refreshTokenCiphertext == null ? null
                : new SealedValue(refreshTokenCiphertext, refreshTokenNonce, refreshTokenKeyId);
    }

    void setAccessToken(SealedValue value) {
        accessTokenCiphertext = value == null ? null : value.ciphertext();
        accessTokenNonce = value == null ? null : value.nonce();
        accessTokenKeyId = value == null ? null : value.keyId();
    }

    void setRefreshToken(SealedValue value) {
        refreshTokenCiphertext = value == null ? null : value.ciphertext();
        refreshTokenNonce = value == null ? null : value.nonce();
        refreshTokenKeyId = value == null ? null : value.keyId();
    }

    boolean leaseHeld(Instant now) {
        return refreshLeaseUntil != null && refreshLeaseUntil.isAfter(now);
    }

    void releaseLease() {
        refreshLeaseId = null;
        refreshLeaseUntil = null;
    }

    /** The associated data that binds a sealed token to this grant and this column. */
    static String context(long grantId, String kind) {
        return "oauth_grant:" + grantId + ":" + kind;
    }
}
