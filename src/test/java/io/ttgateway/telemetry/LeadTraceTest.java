package io.ttgateway.telemetry;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.ttgateway.support.Db;
import io.ttgateway.support.FeedPages;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.InjectWireMock;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackWireMock;
import io.ttgateway.support.V4Deliveries;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One lead's life as traces: Thumbtack's webhook and its database work, the customer's message, the
 * partner reading the feed, the partner's answer leaving through the outbox to Thumbtack, and a token
 * refresh. Each is found by the lead or business ID it carries; no span carries a token, the OAuth code,
 * the client secret or a message's text.
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class LeadTraceTest {

    private static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

    @InjectWireMock
    WireMockServer thumbtackApi;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    Db db;

    @Inject
    V4Deliveries v4;

    @Test
    void followsOneLeadFromTheWebhookToTheFeedAndBackOutToThumbtack() {
        spans.reset();
        String code = ThumbtackStubs.token("code");
        String access = ThumbtackStubs.token("access");
        String refresh = ThumbtackStubs.token("refresh");
        String businessId = Fixtures.newId();
        ThumbtackStubs.connectable(code, businessId, "Traced Painting", access, refresh);
        partner().body("{\"code\":\"" + code + "\"}").post("/api/v1/connections").then().statusCode(201);

        String leadId = Fixtures.newId();
        thumbtack().body(Fixtures.lead(leadId, businessId).toString()).post("/v1/lead").then().statusCode(200);
        String customerText = "Is Tuesday fine? secret-customer-words";
        var message = Fixtures.message(leadId, Fixtures.newId());
        ((com.fasterxml.jackson.databind.node.ObjectNode) message.get("message")).put("text", customerText);
        message.put("businessID", businessId);
        thumbtack().body(message.toString()).post("/v1/message").then().statusCode(200);

        long eventId = db.count("select id from event where lead_id = $1 and type = 'lead.received'", leadId);
        FeedPages.firstAfter(eventId - 1, 1);

        String answer = "Tuesday at six works. secret-pro-words";
        thumbtackApi.stubFor(post(urlPathEqualTo("/v2/business/" + businessId + "/lead/" + leadId + "/message"))
                .willReturn(ThumbtackStubs.json(200, "{\"status\": \"success\"}")));
        partner().body("{\"text\":\"" + answer + "\"}")
                .post("/api/v1/businesses/" + businessId + "/leads/" + leadId + "/messages").then().statusCode(202);

        String newAccess = ThumbtackStubs.token("access");
        String newRefresh = ThumbtackStubs.token("refresh");
        thumbtackApi.stubFor(ThumbtackStubs.refreshWith(refresh)
                .willReturn(ThumbtackStubs.json(200, ThumbtackStubs.tokenJson(newAccess, newRefresh, 3600))));
        partner().post("/api/v1/connections/" + businessId + "/refresh").then().statusCode(200);

        // The lead webhook: its server span names the lead, business, type, outcome and batch size,
        // and the database work of its batch transaction is inside its trace.
        SpanData leadWebhook = awaitSpan(s -> s.getKind() == SpanKind.SERVER
                && leadId.equals(s.getAttributes().get(Traces.LEAD_ID))
                && "lead".equals(s.getAttributes().get(Traces.WEBHOOK_TYPE)));
        assertThat(leadWebhook.getAttributes().get(Traces.BUSINESS_ID)).isEqualTo(businessId);
        assertThat(leadWebhook.getAttributes().get(Traces.OUTCOME)).isEqualTo("stored");
        assertThat(leadWebhook.getAttributes().get(Traces.BATCH_SIZE)).isGreaterThanOrEqualTo(1L);
        assertThat(leadWebhook.getAttributes().get(HTTP_STATUS)).isEqualTo(200L);
        awaitSpan(s -> isDatabase(s) && s.getTraceId().equals(leadWebhook.getTraceId()));

        SpanData messageWebhook = awaitSpan(s -> s.getKind() == SpanKind.SERVER
                && leadId.equals(s.getAttributes().get(Traces.LEAD_ID))
                && "message".equals(s.getAttributes().get(Traces.WEBHOOK_TYPE)));
        assertThat(messageWebhook.getAttributes().get(Traces.OUTCOME)).isEqualTo("stored");
        assertThat(childrenOf(messageWebhook)).anyMatch(LeadTraceTest::isDatabase);

        // The feed read that returned the lead's events: a child of the partner's GET /api/v1/events.
        SpanData feedRead = awaitSpan(s -> s.getName().equals("feed.read")
                && Optional.ofNullable(s.getAttributes().get(Traces.LEAD_IDS)).orElse(List.of()).contains(leadId));
        assertThat(feedRead.getAttributes().get(Traces.EVENTS)).isGreaterThanOrEqualTo(1L);
        assertThat(parentOf(feedRead)).hasValueSatisfying(parent -> {
            assertThat(parent.getKind()).isEqualTo(SpanKind.SERVER);
            assertThat(parent.getName()).contains("/api/v1/events");
        });
        assertThat(childrenOf(feedRead)).anyMatch(LeadTraceTest::isDatabase);

        // The outbox delivery: its own trace, the call to Thumbtack and the database work as children.
        SpanData delivery = awaitSpan(s -> s.getName().equals("outbox.deliver")
                && leadId.equals(s.getAttributes().get(Traces.LEAD_ID)) && s.hasEnded());
        assertThat(delivery.getAttributes().get(Traces.BUSINESS_ID)).isEqualTo(businessId);
        assertThat(delivery.getAttributes().get(Traces.ATTEMPT)).isEqualTo(1L);
        assertThat(delivery.getAttributes().get(Traces.OUTCOME)).isEqualTo("sent");
        SpanData send = awaitSpan(s -> s.getKind() == SpanKind.CLIENT && s.getParentSpanId().equals(delivery.getSpanId())
                && Objects.toString(s.getAttributes().get(URL_FULL)).contains("/lead/" + leadId + "/message"));
        assertThat(send.getAttributes().get(HTTP_STATUS)).isEqualTo(200L);
        assertThat(descendantsOf(delivery)).anyMatch(LeadTraceTest::isDatabase);

        // The refresh: a child of the partner's POST .../refresh, Thumbtack's answer on its client span,
        // whose URL keeps the parameter names and none of their values.
        SpanData refreshSpan = awaitSpan(s -> s.getName().equals("token.refresh")
                && businessId.equals(s.getAttributes().get(Traces.BUSINESS_ID)));
        assertThat(refreshSpan.getAttributes().get(Traces.OUTCOME)).isEqualTo("refreshed");
        assertThat(parentOf(refreshSpan).map(SpanData::getName).orElse("")).contains("/refresh");
        SpanData tokenCall = awaitSpan(s -> s.getKind() == SpanKind.CLIENT
                && s.getParentSpanId().equals(refreshSpan.getSpanId()));
        assertThat(tokenCall.getAttributes().get(HTTP_STATUS)).isEqualTo(200L);
        assertThat(tokenCall.getAttributes().get(URL_FULL))
                .contains("/v2/tokens/access?").contains("refresh_token=REDACTED").doesNotContain(refresh);

        // The connection's code exchange also went through the query string: redacted too.
        SpanData exchange = awaitSpan(s -> s.getKind() == SpanKind.CLIENT
                && Objects.toString(s.getAttributes().get(URL_FULL)).contains("grant_type=REDACTED&code=REDACTED"));
        assertThat(exchange.getAttributes().get(URL_FULL)).doesNotContain(code);

        List<String> secrets = List.of(code, access, refresh, newAccess, newRefresh, ThumbtackWireMock.CLIENT_SECRET,
                customerText, answer, "secret-customer-words", "secret-pro-words");
        for (SpanData span : spans.getFinishedSpanItems()) {
            Stream<String> values = Stream.concat(
                    span.getAttributes().asMap().values().stream().map(String::valueOf),
                    span.getEvents().stream().flatMap(e -> Stream.concat(Stream.of(e.getName()),
                            e.getAttributes().asMap().values().stream().map(String::valueOf))));
            List<String> all = Stream.concat(Stream.of(span.getName()), values).toList();
            for (String secret : secrets) {
                assertThat(all).as("span %s", span.getName()).noneMatch(value -> value.contains(secret));
            }
        }
    }

    @Test
    void namesTheV4DeliveryItsNegotiationBusinessAndOutcome() {
        spans.reset();
        V4Deliveries.Webhook webhook = v4.register();
        String negotiationId = Fixtures.newId();
        webhook.post().body(V4Deliveries.negotiation(webhook.businessId(), negotiationId).toString())
                .post("/v4/webhooks").then().statusCode(200);
        webhook.post().body("{\"event\": {\"eventType\": \"NegotiationCreatedV4\"}, \"data\": [}")
                .post("/v4/webhooks").then().statusCode(400);

        SpanData delivery = awaitSpan(s -> s.getKind() == SpanKind.SERVER
                && negotiationId.equals(s.getAttributes().get(Traces.LEAD_ID)));
        assertThat(delivery.getAttributes().get(Traces.WEBHOOK_TYPE)).isEqualTo("v4.negotiation_created");
        assertThat(delivery.getAttributes().get(Traces.BUSINESS_ID)).isEqualTo(webhook.businessId());
        assertThat(delivery.getAttributes().get(Traces.OUTCOME)).isEqualTo("stored");
        assertThat(delivery.getAttributes().get(Traces.BATCH_SIZE)).isGreaterThanOrEqualTo(1L);
        awaitSpan(s -> isDatabase(s) && s.getTraceId().equals(delivery.getTraceId()));

        // A body that could not be read: the span still says which webhook refused what.
        SpanData unread = awaitSpan(s -> s.getKind() == SpanKind.SERVER
                && Long.valueOf(400).equals(s.getAttributes().get(HTTP_STATUS))
                && webhook.businessId().equals(s.getAttributes().get(Traces.BUSINESS_ID)));
        assertThat(unread.getAttributes().get(Traces.WEBHOOK_TYPE)).isEqualTo("v4");
        assertThat(unread.getAttributes().get(Traces.OUTCOME)).isNotBlank();
        for (SpanData span : spans.getFinishedSpanItems()) {
            assertThat(span.getAttributes().asMap().values()).as("span %s", span.getName())
                    .noneMatch(value -> String.valueOf(value).contains(webhook.password()));
        }
    }

    private static boolean isDatabase(SpanData span) {
        return span.getKind() == SpanKind.CLIENT
                && span.getAttributes().asMap().keySet().stream().anyMatch(key -> key.getKey().startsWith("db."));
    }

    private SpanData awaitSpan(Predicate<SpanData> matching) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> spans.getFinishedSpanItems().stream().filter(matching).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private Optional<SpanData> parentOf(SpanData span) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getSpanId().equals(span.getParentSpanId()))
                .findFirst();
    }

    private List<SpanData> childrenOf(SpanData span) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getParentSpanId().equals(span.getSpanId())).toList();
    }

    private List<SpanData> descendantsOf(SpanData span) {
        return childrenOf(span).stream().flatMap(child -> Stream.concat(Stream.of(child), descendantsOf(child).stream()))
                .toList();
    }
}
