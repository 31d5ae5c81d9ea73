package io.ttgateway.common;

import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import java.util.List;

/**
 * A value the database refuses for what it is: SQLSTATE class 22 (data exception: a number or text
 * a column cannot hold) or 23 (integrity constraint violation) other than a unique violation. The
 * same input fails the same way on every retry, so it is the sender's error (400), never a 503 that
 * Thumbtack would deliver again forever. A unique violation is left out: the retry finds the row that
 * won the race and is answered as a repeat.
 */
public final class RefusedValue {

    private static final String UNIQUE_VIOLATION = "23505";

    private RefusedValue() {}

    public static boolean is(Throwable failure) {
        Refusal refusal = find(failure);
        if (refusal == null) {
            return false;
        }
        String state = refusal.sqlState();
        return state.startsWith("22") || state.startsWith("23") && !state.equals(UNIQUE_VIOLATION);
    }

    /**
     * The 400 for a refused value: the column when the database names it (not-null and some data
     * errors), else the whole body ("$"); the database's message and SQLSTATE, never the row's values.
     */
    public static InvalidInputException toInvalidInput(Throwable failure) {
        Refusal refusal = find(failure);
        return new InvalidInputException("a value was refused by the database", List.of(new ApiError.FieldError(
                refusal.column() != null ? refusal.column() : "$",
                refusal.message() + " (SQLSTATE " + refusal.sqlState() + ")")));
    }

    private record Refusal(String sqlState, String message, String column) {}

    /**
     * The database's error in the cause chain: the reactive client's PgException, or the SQLException
     * Hibernate Reactive turns it into (which keeps the SQLSTATE but not the column).
     */
    private static Refusal find(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 10; depth++) {
            if (cause instanceof PgException pg && pg.getSqlState() != null) {
                return new Refusal(pg.getSqlState(), pg.getErrorMessage(), pg.getColumn());
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return new Refusal(sql.getSQLState(), sql.getMessage().replaceFirst("^ERROR: ", "")
                        .replaceFirst(" \\(" + sql.getSQLState() + "\\)$", ""), null);
            }
            cause = cause.getCause();
        }
        return null;
    }
}
