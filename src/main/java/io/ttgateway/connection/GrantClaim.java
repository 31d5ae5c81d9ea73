package io.ttgateway.connection;

/**
 * A grant leased for one refresh: nobody else refreshes it until the lease ends or is released.
 * Carries the decrypted refresh token as read after the lease was taken, and whether it was past its
 * lifetime by the database's clock then; toString() hides the token.
 */
record GrantClaim(long grantId, String leaseId, String refreshToken, boolean refreshTokenExpired) {

    @Override
    public String toString() {
        return "GrantClaim[grantId=" + grantId + ", leaseId=" + leaseId + "]";
    }
}
