package io.ttgateway.connection;

import io.smallrye.mutiny.Uni;
import io.ttgateway.event.EventLog;
import io.ttgateway.event.NewEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** The connection.* events of a connection as it is now. Their data names the business and never carries a token. */
@ApplicationScoped
public class ConnectionEvents {

    private final EventLog log;

    ConnectionEvents(EventLog log) {
        this.log = log;
    }

    Uni<Void> connected(Connection connection, boolean reconnected) {
        return append(NewEvent.connectionConnected(connection.businessPk, connection.status.name(),
                connection.businessName, connection.scopeList(), reconnected));
    }

    Uni<Void> needsReauth(Connection connection, String reason) {
        return append(NewEvent.connectionNeedsReauth(connection.businessPk, connection.status.name(), reason));
    }

    /** The business now goes through {@code connection.apiVersion}, no longer through {@code from}. */
    Uni<Void> migrated(Connection connection, ApiVersion from) {
        return append(NewEvent.connectionMigrated(connection.businessPk, connection.status.name(), from.wireName(),
                connection.apiVersion.wireName()));
    }

    Uni<Void> disconnected(Connection connection) {
        return append(NewEvent.connectionDisconnected(connection.businessPk, connection.status.name()));
    }

    private Uni<Void> append(NewEvent event) {
        return log.append(event).replaceWithVoid();
    }
}
