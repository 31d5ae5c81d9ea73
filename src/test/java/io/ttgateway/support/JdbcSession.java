package io.ttgateway.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.ConfigProvider;

/** A database session of its own (JDBC, outside the service's pool), as psql or another replica would hold one. */
public final class JdbcSession {

    private JdbcSession() {
    }

    /** A new session on the test database, the test schema first in its search path. */
    public static Connection open() throws SQLException {
        String schema = ConfigProvider.getConfig().getValue("gateway.db.schema", String.class);
        Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("set search_path to " + schema);
        }
        return connection;
    }
}
