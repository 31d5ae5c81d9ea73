package io.ttgateway.connection;

import java.time.Instant;

/**
 * A connection leased for one refresh: nobody else refreshes it until the lease ends or is released.
 * Carries the decrypted refresh token as read after the lease was taken; toString() hides it.
 */
record Claim(long id, String businessPk, String leaseId, String refreshToken, Instant refreshTokenExpiresAt) {

    boolean refreshTokenExpired(Instant now) {
        return refreshTokenExpiresAt != null && !refreshTokenExpiresAt.isAfter(now);
    }

    @Override
    public String toString() {
        return "Claim[businessPk=" + businessPk + ", leaseId=" + leaseId + "]";
    }
}
