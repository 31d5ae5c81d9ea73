package io.ttgateway.connection;

/**
 * A business's access token as stored right now (never refreshed to produce it), and whether a refresh
 * of it is running (its refresh lease is live by the database's clock).
 */
public record StoredToken(AccessToken token, boolean refreshRunning) {}
