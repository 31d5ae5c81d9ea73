package io.ttgateway.connection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.ttgateway.event.EventLog;
import io.ttgateway.event.EventType;
import jakarta.enterprise.context.ApplicationScoped;

/** The connection.* events. Their data names the business and never carries a token. */
@ApplicationScoped
public class ConnectionEvents {

    private final EventLog log;
    private final ObjectMapper json;

    ConnectionEvents(EventLog log, ObjectMapper json) {
        this.log = log;
        this.json = json;
    }

    Uni<Void> connected(Connection connection, boolean reconnected) {
        ObjectNode data = base(connection);
        data.put("businessName", connection.businessName);
        data.putPOJO("scopes", connection.scopeList());
        data.put("reconnected", reconnected);
        return append(EventType.CONNECTION_CONNECTED, connection, data);
    }

    Uni<Void> needsReauth(Connection connection, String reason) {
        ObjectNode data = base(connection);
        data.put("reason", reason);
        return append(EventType.CONNECTION_NEEDS_REAUTH, connection, data);
    }

    /** The business now goes through {@code connection.apiVersion}, no longer through {@code from}. */
    Uni<Void> migrated(Connection connection, ApiVersion from) {
        ObjectNode data = base(connection);
        data.put("from", from.wireName());
        data.put("to", connection.apiVersion.wireName());
        return append(EventType.CONNECTION_MIGRATED, connection, data);
    }

    Uni<Void> disconnected(Connection connection) {
        return append(EventType.CONNECTION_DISCONNECTED, connection, base(connection));
    }

    private ObjectNode base(Connection connection) {
        ObjectNode data = json.createObjectNode();
        data.put("businessId", connection.businessPk);
        data.put("status", connection.status.name());
        return data;
    }

    private Uni<Void> append(EventType type, Connection connection, ObjectNode data) {
        return log.append(type, connection.businessPk, null, data.toString()).replaceWithVoid();
    }
}
