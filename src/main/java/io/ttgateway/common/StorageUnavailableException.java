package io.ttgateway.common;

/** The database could not store or read something: 503, the caller retries. */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(Throwable cause) {
        super("storage unavailable", cause);
    }

    /** The innermost cause's class and message: enough to diagnose, no payload. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
