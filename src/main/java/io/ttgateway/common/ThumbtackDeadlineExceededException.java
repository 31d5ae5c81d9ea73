package io.ttgateway.common;

import java.time.Duration;

/**
 * The deadline passed while the request waited on Thumbtack: answered 504. The call may still reach
 * Thumbtack or complete there afterwards.
 */
public class ThumbtackDeadlineExceededException extends DeadlineExceededException {

    public ThumbtackDeadlineExceededException(String what, Duration limit) {
        super(what + " (waiting on Thumbtack)", limit);
    }
}
