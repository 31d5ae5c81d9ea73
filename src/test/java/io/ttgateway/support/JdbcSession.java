package io.ttgateway.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.ConfigProvider;

/** A database session of its own (JDBC, outside the service's pool), as psql or another replica would hold one. */
public final class JdbcSession {

    /** The test database, as the service's Flyway reaches it. */
    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    public static final String USER = "postgres";

    private JdbcSession() {
    }

    /** A new session on the test database, the test schema first in its search path. */
    public static Connection open() throws SQLException {
        return open(ConfigProvider.getConfig().getValue("gateway.db.schema", String.class));
    }

    /** A new session on the test database, the given schema first in its search path. */
    public static Connection open(String schema) throws SQLException {
        Connection connection = DriverManager.getConnection(URL, USER, "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("set search_path to " + schema);
        }
        return connection;
    }
}
