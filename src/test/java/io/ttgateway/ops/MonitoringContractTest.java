package io.ttgateway.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.ttgateway.connection.ConnectionCounts;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.InjectWireMock;
import io.ttgateway.support.OnVertx;
import io.ttgateway.support.TestConnections;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackWireMock;
import io.ttgateway.telemetry.Traces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules under deploy/ read metrics this service exports:
 * after one of each webhook, a sent message and a refresh, every metric name and label their queries
 * use is in /q/metrics. A renamed metric or label fails here instead of blanking a panel or silencing an
 * alert. (Series from outside the service, kube-state-metrics' and Prometheus' own, and the labels
 * Prometheus adds to every target, are listed below and not looked for.)
 */
@QuarkusTest
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class MonitoringContractTest {

    static final Path DASHBOARD = Path.of("deploy/monitoring/thumbtack-gateway-dashboard.json");
    static final Path RULES = Path.of("deploy/k8s/components/monitoring/prometheusrule.yaml");

    /** Metric names of the service's own exposition (others, such as kube_*, come from elsewhere). */
    private static final Pattern SERVICE_METRIC = Pattern.compile(
            "\\b((?:thumbtack|http_server|http_client|jvm|process|vertx|worker_pool|sql_pool|netty|ft|system)_[a-zA-Z0-9_]+)\\b");
    /** Labels Prometheus puts on every series of a target, and the histogram bucket label. */
    private static final Set<String> TARGET_LABELS = Set.of("namespace", "pod", "instance", "job", "service",
            "container", "endpoint", "le");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern MATCHERS = Pattern.compile("\\{([^}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");

    @InjectWireMock
    WireMockServer thumbtackApi;

    @Inject
    ConnectionCounts connectionCounts;

    @Inject
    Traces traces;

    @Test
    void everyMetricAndLabelOfTheDashboardAndTheAlertsIsExported() throws IOException {
        driveOneOfEach();
        Map<String, List<Set<String>>> exported = scrape();

        List<String> expressions = new ArrayList<>(dashboardExpressions());
        expressions.addAll(ruleExpressions());
        assertThat(expressions).hasSizeGreaterThan(15);

        List<String> problems = new ArrayList<>();
        for (String expr : expressions) {
            Set<String> metrics = new HashSet<>();
            Matcher m = SERVICE_METRIC.matcher(expr);
            while (m.find()) {
                metrics.add(m.group(1));
            }
            for (String metric : metrics) {
                if (!exported.containsKey(metric)) {
                    problems.add("metric " + metric + " is not exported (in: " + expr + ")");
                }
            }
            if (metrics.isEmpty()) {
                continue; // only series from elsewhere (kube-state-metrics)
            }
            for (String label : labels(expr)) {
                boolean somewhere = metrics.stream().map(exported::get).filter(series -> series != null)
                        .flatMap(List::stream).anyMatch(series -> series.contains(label));
                if (!somewhere && !TARGET_LABELS.contains(label)) {
                    problems.add("label " + label + " is on none of " + metrics + " (in: " + expr + ")");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aMissingMetricOrLabelIsNoticed() throws IOException {
        Map<String, List<Set<String>>> exported = scrape();
        assertThat(exported).doesNotContainKey("thumbtack_feed_lag_renamed_seconds");
        assertThat(labels("max by (pod, kind) (thumbtack_feed_lag_seconds{namespace=~\"a|b\", mode!=\"x\"})"))
                .containsExactlyInAnyOrder("pod", "kind", "namespace", "mode");
        assertThat(exported.get("thumbtack_feed_lag_seconds")).isNotEmpty()
                .noneMatch(series -> series.contains("kind") || series.contains("mode"));
    }

    @Test
    void tracingIsOffWithoutAnOtlpEndpoint() {
        ConfigValue disabled = ConfigProvider.getConfig().getConfigValue("quarkus.otel.sdk.disabled");
        assertThat(disabled.getValue()).as("from %s", disabled.getSourceName()).isEqualTo("true");
        AtomicBoolean recording = new AtomicBoolean(true);
        OnVertx.await(() -> traces.span("probe", span -> recording.set(span.isRecording()),
                () -> Uni.createFrom().voidItem(), (span, nothing) -> { }));
        assertThat(recording).isFalse();
    }

    private void driveOneOfEach() {
        TestConnections.Connected pro = TestConnections.connect();
        String leadId = Fixtures.newId();
        thumbtack().body(Fixtures.lead(leadId, pro.businessPk()).toString()).post("/v1/lead").then().statusCode(200);
        thumbtack().body(Fixtures.message(leadId, Fixtures.newId()).toString()).post("/v1/message")
                .then().statusCode(200);
        thumbtack().body(Fixtures.json("lead-update.json").put("leadID", leadId).toString()).put("/v1/lead/update")
                .then().statusCode(200);
        thumbtack().body(Fixtures.review(Fixtures.newId()).toString()).post("/v1/review").then().statusCode(200);

        thumbtackApi.stubFor(post(urlPathEqualTo("/v2/business/" + pro.businessPk() + "/lead/" + leadId + "/message"))
                .willReturn(ThumbtackStubs.json(200, "{\"status\": \"success\"}")));
        String id = partner().body("{\"text\":\"On my way\"}")
                .post("/api/v1/businesses/" + pro.businessPk() + "/leads/" + leadId + "/messages")
                .then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> "SENT".equals(
                partner().get("/api/v1/outbound-messages/" + id).then().extract().path("status")));

        thumbtackApi.stubFor(ThumbtackStubs.refreshWith(pro.refreshToken()).willReturn(ThumbtackStubs.json(200,
                ThumbtackStubs.tokenJson(ThumbtackStubs.token("access"), ThumbtackStubs.token("refresh"), 3600))));
        partner().post("/api/v1/connections/" + pro.businessPk() + "/refresh").then().statusCode(200);
        // A refresh Thumbtack refuses with 403 (counted in thumbtack_token_refresh_failures_total{reason}).
        TestConnections.Connected refused = TestConnections.connect();
        thumbtackApi.stubFor(ThumbtackStubs.refreshWith(refused.refreshToken())
                .willReturn(ThumbtackStubs.json(403, "{\"error\": \"forbidden\"}")));
        partner().post("/api/v1/connections/" + refused.businessPk() + "/refresh");
        partner().get("/api/v1/events?limit=1").then().statusCode(200);
        OnVertx.await(connectionCounts::count);
    }

    /** Metric name (as exposed, with _total, _bucket, ...) to the label names of each of its series. */
    static Map<String, List<Set<String>>> scrape() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, List<Set<String>>> exported = new HashMap<>();
        Pattern line = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? .*$");
        Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");
        for (String row : text.split("\n")) {
            Matcher m = line.matcher(row);
            if (row.startsWith("#") || !m.matches()) {
                continue;
            }
            Set<String> labels = new HashSet<>();
            if (m.group(3) != null) {
                Matcher l = label.matcher(m.group(3));
                while (l.find()) {
                    labels.add(l.group(1));
                }
            }
            exported.computeIfAbsent(m.group(1), name -> new ArrayList<>()).add(labels);
        }
        return exported;
    }

    /** The label names an expression groups by or matches on. */
    static Set<String> labels(String expr) {
        Set<String> labels = new HashSet<>();
        Matcher grouping = GROUPING.matcher(expr);
        while (grouping.find()) {
            for (String name : grouping.group(1).split(",")) {
                if (!name.isBlank()) {
                    labels.add(name.trim());
                }
            }
        }
        Matcher matchers = MATCHERS.matcher(expr.replaceAll("\"[^\"]*\"", "\"\""));
        while (matchers.find()) {
            Matcher name = MATCHER_LABEL.matcher(matchers.group(1));
            while (name.find()) {
                labels.add(name.group(1));
            }
        }
        return labels;
    }

    static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        List<String> expressions = texts(dashboard, "expr");
        // The template variables' label_values(...) queries.
        texts(dashboard, "query").stream().filter(query -> query.contains("(")).forEach(expressions::add);
        return expressions;
    }

    static List<String> ruleExpressions() throws IOException {
        return texts(new YAMLMapper().readTree(Files.readString(RULES)), "expr");
    }

    /** Every textual value of a field named {@code field}, at any depth. */
    private static List<String> texts(JsonNode tree, String field) {
        return new ArrayList<>(tree.findValues(field).stream().filter(JsonNode::isTextual).map(JsonNode::asText)
                .toList());
    }
}
