package io.ttgateway.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests as Thumbtack and as the partner backend make them, with the test profile's passwords. */
public final class Api {

    public static final String WEBHOOK_PASSWORD = "test-webhook-password";
    public static final String PARTNER_PASSWORD = "test-partner-password";

    private Api() {}

    public static RequestSpecification thumbtack() {
        return given().auth().preemptive().basic("thumbtack", WEBHOOK_PASSWORD).contentType(ContentType.JSON);
    }

    public static RequestSpecification partner() {
        return given().auth().preemptive().basic("partner", PARTNER_PASSWORD).contentType(ContentType.JSON);
    }
}
