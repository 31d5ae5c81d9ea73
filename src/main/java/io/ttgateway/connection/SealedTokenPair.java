package io.ttgateway.connection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.ttgateway.common.Backoff;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The columns a sealed token pair and its refresh bookkeeping take, the same in {@code connection}
 * (a legacy business's own pair) and {@code oauth_grant} (a v4 grant's pair): ciphertext, nonce and
 * key id of each token, expiries, consecutive failures with back-off, and the refresh lease.
 */
@MappedSuperclass
public abstract class SealedTokenPair extends PanacheEntityBase {

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

    /**
     * A new pair: both tokens and their expiries at once, failures cleared, lease released;
     * {@code notBefore} is the earliest next refresh (null: due by expiry alone, see RefreshSchedule).
     */
    void storePair(SealedValue access, SealedValue refresh, Duration accessLifetime, Duration refreshLifetime,
            Instant notBefore, Instant now) {
        setAccessToken(access);
        setRefreshToken(refresh);
        accessTokenExpiresAt = now.plus(accessLifetime);
        refreshTokenExpiresAt = now.plus(refreshLifetime);
        updatedAt = now;
        refreshFailures = 0;
        nextRefreshAttemptAt = notBefore;
        lastRefreshError = null;
        releaseLease();
    }

    /** A refresh failed for a passing reason: one more failure, exponential back-off, lease released. */
    void backOff(String reason, Duration initial, Duration max, Instant now) {
        refreshFailures++;
        nextRefreshAttemptAt = now.plus(Backoff.after(refreshFailures, initial, max));
        lastRefreshError = reason;
        updatedAt = now;
        releaseLease();
    }

    /** Both tokens gone (and what only they made meaningful). */
    void erasePair(Instant now) {
        setAccessToken(null);
        setRefreshToken(null);
        accessTokenExpiresAt = null;
        refreshTokenExpiresAt = null;
        nextRefreshAttemptAt = null;
        updatedAt = now;
        releaseLease();
    }

    /** Refused for good (the pro must connect again): no refresh before {@code pause} has passed, lease released. */
    void refusedFor(String reason, Duration pause, Instant now) {
        lastRefreshError = reason;
        nextRefreshAttemptAt = now.plus(pause);
        updatedAt = now;
        releaseLease();
    }

    /** Takes the refresh lease until {@code now + lease}; answers the new lease's id. */
    String takeLease(Duration lease, Instant now) {
        refreshLeaseId = UUID.randomUUID().toString();
        refreshLeaseUntil = now.plus(lease);
        return refreshLeaseId;
    }

    /** Whether the refresh token was past its lifetime at {@code now}. */
    boolean refreshTokenExpired(Instant now) {
        return refreshTokenExpiresAt != null && !refreshTokenExpiresAt.isAfter(now);
    }

    /** A refresh failed for a passing reason and its back-off has not ended at {@code now}. */
    boolean backingOff(Instant now) {
        return refreshFailures > 0 && nextRefreshAttemptAt != null && nextRefreshAttemptAt.isAfter(now);
    }

    /**
     * For a refresh a 401 asks for: refused while the pair backs off, since every call refused meanwhile
     * would otherwise refresh at once, against a token endpoint that just failed.
     */
    void requireNotBackingOff(String businessPk, Instant now) {
        if (backingOff(now)) {
            throw new RefreshBackOffException(businessPk, nextRefreshAttemptAt, now, lastRefreshError);
        }
    }

    boolean leaseHeld(Instant now) {
        return refreshLeaseUntil != null && refreshLeaseUntil.isAfter(now);
    }

    void releaseLease() {
        refreshLeaseId = null;
        refreshLeaseUntil = null;
    }
}
