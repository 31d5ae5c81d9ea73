package io.ttgateway.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A psql-like session of its own (JDBC, outside the service's pool) that holds a table lock in an open
 * transaction until released or closed: what a stuck migration, an operator's session, a long report or a
 * dead pod's backend does.
 */
public final class TableLock implements AutoCloseable {

    private final Connection connection;

    private TableLock(Connection connection) {
        this.connection = connection;
    }

    /** LOCK TABLE {@code table} IN {@code mode} MODE in the test schema, held until release() or close(). */
    public static TableLock hold(String table, String mode) throws SQLException {
        return hold(ConfigProvider.getConfig().getValue("gateway.db.schema", String.class), table, mode);
    }

    /** LOCK TABLE {@code table} IN {@code mode} MODE in {@code schema}, held until release() or close(). */
    public static TableLock hold(String schema, String table, String mode) throws SQLException {
        Connection connection = JdbcSession.open(schema);
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("lock table " + schema + "." + table + " in " + mode + " mode");
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new TableLock(connection);
    }

    /** Ends the transaction, and with it the lock (the session stays open until close()). */
    public void release() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
