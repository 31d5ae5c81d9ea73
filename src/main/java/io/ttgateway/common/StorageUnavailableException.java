package io.ttgateway.common;

/** The database could not store or read something: 503, the caller retries. */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(Throwable cause) {
        super("storage unavailable", cause);
    }

    /**
     * The chain of exception classes and the innermost message, for the log only (never an answer):
     * for example "AnnotatedConnectException > ConnectException: Connection refused".
     */
    public static String describe(Throwable e) {
        StringBuilder chain = new StringBuilder(e.getClass().getSimpleName());
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 10; depth++) {
            root = root.getCause();
            chain.append(" > ").append(root.getClass().getSimpleName());
        }
        return chain.append(": ").append(root.getMessage()).toString();
    }
}
