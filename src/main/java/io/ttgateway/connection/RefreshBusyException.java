package io.ttgateway.connection;

import io.ttgateway.common.ConflictException;

/** Another replica (or request) is refreshing this connection right now: 409, retry shortly. */
public class RefreshBusyException extends ConflictException {
    public RefreshBusyException(String businessPk) {
        super("a refresh of connection " + businessPk + " is already in progress; retry in a few seconds");
    }
}
