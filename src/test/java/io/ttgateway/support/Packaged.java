package io.ttgateway.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * For the integration tests (*IT) that talk to the packaged application, which runs in the prod
 * profile with the settings failsafe gives it (pom.xml): callers with those credentials, and plain
 * JDBC reads of the schema it writes to (no CDI in a packaged-artifact test).
 * <p>
 * Failsafe points THUMBTACK_API_URL at a closed local port. An IT that needs a stubbed Thumbtack
 * starts WireMock in a {@code QuarkusTestResourceLifecycleManager} whose {@code start()} returns
 * {@code Map.of("thumbtack.api-url", wireMock.baseUrl())}: {@code @QuarkusIntegrationTest} hands
 * that to the packaged application as a system property, which wins over the environment.
 */
public final class Packaged {

    private Packaged() {}

    public static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run the ITs through failsafe");
        }
        return value;
    }

    public static RequestSpecification thumbtack() {
        return given().auth().preemptive().basic("thumbtack", setting("it.webhook.password"))
                .contentType(ContentType.JSON);
    }

    public static RequestSpecification partner() {
        return given().auth().preemptive().basic("partner", setting("it.partner.password"))
                .contentType(ContentType.JSON);
    }

    /** A single number from the application's schema, e.g. a count. */
    public static long count(String sql, Object... params) {
        try (Connection connection = DriverManager.getConnection(setting("it.db.jdbc-url"), setting("it.db.username"), "")) {
            connection.setSchema(setting("it.db.schema"));
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    statement.setObject(i + 1, params[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        throw new AssertionError("no row for " + sql);
                    }
                    return rows.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
