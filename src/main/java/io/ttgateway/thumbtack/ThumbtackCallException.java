package io.ttgateway.thumbtack;

/**
 * A partner-API request could not be done because of Thumbtack: answered 502 (Thumbtack answered an
 * error) or 504 (Thumbtack did not answer in time), with a message free of tokens and secrets.
 */
public class ThumbtackCallException extends RuntimeException {

    private final int status;

    public ThumbtackCallException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
