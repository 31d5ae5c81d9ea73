package io.ttgateway.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which database errors are the sender's (400: the same input fails the same way again) and what the
 * 400 names, for the reactive client's PgException and the SQLException Hibernate Reactive makes of it.
 */
class RefusedValueTest {

    @ParameterizedTest
    @ValueSource(strings = {"22001", "22003", "22P02", "22007", "23502", "23503", "23514", "23P01"})
    void dataExceptionsAndIntegrityViolationsAreRefusedValues(String sqlState) {
        assertThat(RefusedValue.is(pg(sqlState, null))).isTrue();
        assertThat(RefusedValue.is(sql(sqlState))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "40001", "40P01", "57014", "08006", "53300", "42P01", "25P02"})
    void aUniqueViolationOrAnOutageIsNot(String sqlState) {
        assertThat(RefusedValue.is(pg(sqlState, null))).isFalse();
        assertThat(RefusedValue.is(sql(sqlState))).isFalse();
    }

    @Test
    void aFailureWithoutADatabaseErrorIsNot() {
        assertThat(RefusedValue.is(new IllegalStateException("no connection"))).isFalse();
        assertThat(RefusedValue.is(new SQLException("no state"))).isFalse();
    }

    @Test
    void theDatabaseErrorIsFoundUpToTenCausesDeep() {
        assertThat(RefusedValue.is(wrapped(pg("22001", null), 9))).isTrue();
        assertThat(RefusedValue.is(wrapped(pg("22001", null), 10))).isFalse();
    }

    @Test
    void theFourHundredNamesTheColumnTheDatabaseNames() {
        InvalidInputException refused = RefusedValue.toInvalidInput(new CompletionException(
                pg("23502", "customer_id")));

        assertThat(refused.getMessage()).isEqualTo("a value was refused by the database");
        assertThat(refused.details()).containsExactly(new ApiError.FieldError("customer_id",
                "null value in column (SQLSTATE 23502)"));
    }

    @Test
    void withoutAColumnTheFourHundredNamesTheWholeBody() {
        assertThat(RefusedValue.toInvalidInput(pg("22003", null)).details())
                .containsExactly(new ApiError.FieldError("$", "null value in column (SQLSTATE 22003)"));
    }

    @Test
    void anSqlExceptionsMessageLosesItsErrorPrefixAndTrailingState() {
        SQLException failure = new SQLException(
                "ERROR: value too long for type character varying(64) (22001)", "22001");

        assertThat(RefusedValue.toInvalidInput(new RuntimeException(failure)).details())
                .containsExactly(new ApiError.FieldError("$",
                        "value too long for type character varying(64) (SQLSTATE 22001)"));
    }

    private static PgException pg(String sqlState, String column) {
        return new PgException("null value in column", "ERROR", sqlState, null, null, null, null, null, null,
                null, null, null, null, null, column, null, null);
    }

    private static SQLException sql(String sqlState) {
        return new SQLException("ERROR: refused (" + sqlState + ")", sqlState);
    }

    private static Throwable wrapped(Throwable failure, int times) {
        Throwable outer = failure;
        for (int i = 0; i < times; i++) {
            outer = new RuntimeException(outer);
        }
        return outer;
    }
}
