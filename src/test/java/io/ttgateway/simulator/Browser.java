package io.ttgateway.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.config.RedirectConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A pro's browser, one step at a time: follows nothing by itself, submits forms as it finds them. */
final class Browser {

    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final Pattern CHECKED = Pattern.compile(
            "<input type=\"checkbox\" name=\"([^\"]+)\" value=\"([^\"]*)\" checked>");
    private static final Pattern ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">");

    private Browser() {}

    static Response get(String url) {
        return given().config(RestAssured.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)))
                .urlEncodingEnabled(false).get(url);
    }

    /**
     * Submits the page's form with its hidden fields and ticked checkboxes plus {@code typed}; answers the
     * (unfollowed) response.
     */
    static Response submit(String base, String html, Map<String, String> typed) {
        Matcher action = ACTION.matcher(html);
        assertThat(action.find()).as("the page has a form").isTrue();
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(html);
        while (hidden.find()) {
            fields.put(hidden.group(1), unescape(hidden.group(2)));
        }
        fields.putAll(typed);
        RequestSpecification form = given()
                .config(RestAssured.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)))
                .contentType(ContentType.URLENC).formParams(fields);
        Matcher checked = CHECKED.matcher(html);
        while (checked.find()) {
            form.formParam(checked.group(1), unescape(checked.group(2)));
        }
        return form.post(base + unescape(action.group(1)));
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
