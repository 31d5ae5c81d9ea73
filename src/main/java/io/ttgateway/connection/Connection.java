package io.ttgateway.connection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One connected (or once connected) Thumbtack business. Tokens only as ciphertext (TokenCipher). */
@Entity
@Table(name = "connection")
public class Connection extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "business_pk", nullable = false, updatable = false)
    public String businessPk;

    @Column(name = "business_name")
    public String businessName;

    /** Granted scopes, comma separated. */
    @Column(nullable = false)
    public String scopes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConnectionStatus status;

    /** Legacy rows carry their own token pair; v4 rows none: their grant's ({@link #grantId}). */
    @Convert(converter = ApiVersion.Column.class)
    @Column(name = "api_version", nullable = false)
    public ApiVersion apiVersion = ApiVersion.LEGACY;

    @Column(name = "grant_id")
    public Long grantId;

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

    @Column(name = "connected_at", nullable = false)
    public Instant connectedAt;

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

    public List<String> scopeList() {
        return scopes == null || scopes.isBlank() ? List.of() : Arrays.asList(scopes.split(","));
    }

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

    /** The associated data that binds a sealed token to this business and this column. */
    static String context(String businessPk, String kind) {
        return "connection:" + businessPk + ":" + kind;
    }
}
