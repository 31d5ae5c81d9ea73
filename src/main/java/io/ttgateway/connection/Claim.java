package io.ttgateway.connection;

/**
 * A connection leased for one refresh: nobody else refreshes it until the lease ends or is released.
 * Carries the decrypted refresh token as read after the lease was taken, and whether that token was
 * past its 720 hours by the database's clock then; toString() hides the token.
 */
record Claim(long id, String businessPk, String leaseId, String refreshToken, boolean refreshTokenExpired) {

    @Override
    public String toString() {
        return "Claim[businessPk=" + businessPk + ", leaseId=" + leaseId + "]";
    }
}
