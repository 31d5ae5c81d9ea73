package io.ttgateway.connection;

/** A connection's status as the connections API shows it (README, Pro connections). */
public enum ConnectionStatus {
    /** Tokens held and kept fresh. */
    CONNECTED,
    /** Thumbtack refused the refresh token, or it expired: the pro must connect again. Tokens kept. */
    NEEDS_REAUTH,
    /** Disconnected through the partner API: tokens erased, here and at Thumbtack. */
    DISCONNECTED
}
