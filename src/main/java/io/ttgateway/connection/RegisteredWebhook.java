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
 * The webhook this service registers at Thumbtack for a v4 business (one row per business), with the
 * Basic credentials generated for it: only sealed (TokenCipher, see {@link WebhookCredentials} for the
 * contexts), and the username's SHA-256 to find the row of a delivery.
 */
@Entity
@Table(name = "v4_webhook")
public class RegisteredWebhook extends PanacheEntityBase {

    /**
     * PENDING: credentials stored, registration under way (or its answer lost); REGISTERED: Thumbtack
     * holds these credentials; FAILED: the last try failed, retried with back-off; DELETED: disconnected.
     * Deliveries are accepted for every state but DELETED.
     */
    public enum State { PENDING, REGISTERED, FAILED, DELETED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "business_id", nullable = false, updatable = false)
    public String businessId;

    @Column(name = "webhook_id")
    public String webhookId;

    @Column(name = "webhook_url", nullable = false)
    public String webhookUrl;

    @Column(name = "username_hash", nullable = false)
    public byte[] usernameHash;

    @Column(name = "username_ciphertext", nullable = false)
    public byte[] usernameCiphertext;

    @Column(name = "username_nonce", nullable = false)
    public byte[] usernameNonce;

    @Column(name = "username_key_id", nullable = false)
    public String usernameKeyId;

    @Column(name = "password_ciphertext", nullable = false)
    public byte[] passwordCiphertext;

    @Column(name = "password_nonce", nullable = false)
    public byte[] passwordNonce;

    @Column(name = "password_key_id", nullable = false)
    public String passwordKeyId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "last_error")
    public String lastError;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "lease_id")
    public String leaseId;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public SealedValue username() {
        return new SealedValue(usernameCiphertext, usernameNonce, usernameKeyId);
    }

    public SealedValue password() {
        return new SealedValue(passwordCiphertext, passwordNonce, passwordKeyId);
    }

    void setUsername(SealedValue value) {
        usernameCiphertext = value.ciphertext();
        usernameNonce = value.nonce();
        usernameKeyId = value.keyId();
    }

    void setPassword(SealedValue value) {
        passwordCiphertext = value.ciphertext();
        passwordNonce = value.nonce();
        passwordKeyId = value.keyId();
    }

    boolean leaseHeld(Instant now) {
        return leaseUntil != null && leaseUntil.isAfter(now);
    }

    void releaseLease() {
        leaseId = null;
        leaseUntil = null;
    }
}
