package io.ttgateway.thumbtack;

/** Raised inside {@link ThumbtackGuard} for an attempt worth repeating: 5xx, network, null answer. */
class RetryableFailure extends RuntimeException {

    private final ThumbtackResult.Failure failure;

    RetryableFailure(ThumbtackResult.Failure failure, String message) {
        super(message, null, false, false);
        this.failure = failure;
    }

    ThumbtackResult.Failure failure() {
        return failure;
    }
}
