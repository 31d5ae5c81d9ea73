package io.ttgateway.common;

import java.time.Duration;

/**
 * A call gave no answer within its deadline (a held lock, a silent connection). The call itself may
 * still finish later, so the caller must not assume nothing happened: a webhook is answered 503 and
 * Thumbtack's retry is recognised as a repeat if the first delivery was stored after all.
 */
public class DeadlineExceededException extends RuntimeException {

    public DeadlineExceededException(String what, Duration limit) {
        super(what + ": no answer within " + limit.toMillis() + " ms");
    }
}
