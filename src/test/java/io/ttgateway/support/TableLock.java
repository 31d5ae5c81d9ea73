package io.ttgateway.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A psql-like session of its own (JDBC, outside the service's pool) that holds a table lock in an open
 * transaction until closed: what a stuck migration, an operator's session or a dead pod's backend does.
 */
public final class TableLock implements AutoCloseable {

    private final Connection connection;

    private TableLock(Connection connection) {
        this.connection = connection;
    }

    /** LOCK TABLE {@code table} IN {@code mode} MODE in the test schema, held until close(). */
    public static TableLock hold(String table, String mode) throws SQLException {
        String schema = ConfigProvider.getConfig().getValue("gateway.db.schema", String.class);
        Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("lock table " + schema + "." + table + " in " + mode + " mode");
        }
        return new TableLock(connection);
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
