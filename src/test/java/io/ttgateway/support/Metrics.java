package io.ttgateway.support;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads counters from the Prometheus endpoint the way a scraper sees them. */
public final class Metrics {

    private Metrics() {}

    /** The value of thumbtack_webhooks_total{outcome, type}; 0 if not counted yet. */
    public static double webhooks(String type, String outcome) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^thumbtack_webhooks_total\\{outcome=\"" + Pattern.quote(outcome)
                + "\",type=\"" + Pattern.quote(type) + "\"} (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** The value of a metric line that starts with {@code series} (name plus labels, if any); 0 if absent. */
    public static double value(String series) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
