package io.ttgateway.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each event kind's factory: its type, and its data in the shape the feed documents (README, "Partner
 * API", "Moving a pro from legacy to v4", "v4 lead watch", "Outbound messages"), written as the feed's
 * readers get it. Plain JUnit: no database, no Quarkus.
 */
class NewEventTest {

    private static final UUID OUTBOUND = UUID.fromString("7f0c2d7e-4a1b-4c55-9a57-2f1e8d3c6b90");

    /** A factory whose data is a stored payload, passed through as it is. */
    interface PassThrough {
        NewEvent of(String businessId, String leadId, String payload);
    }

    static Stream<Arguments> passThroughs() {
        return Stream.of(
                Arguments.of(EventType.LEAD_UPDATED, (PassThrough) NewEvent::leadUpdated),
                Arguments.of(EventType.MESSAGE_RECEIVED, (PassThrough) NewEvent::messageReceived),
                Arguments.of(EventType.MESSAGE_PRO_SENT, (PassThrough) NewEvent::messageProSent),
                Arguments.of(EventType.REVIEW_RECEIVED, (PassThrough) NewEvent::reviewReceived));
    }

    @ParameterizedTest
    @MethodSource("passThroughs")
    void aWebhookEventCarriesItsPayloadUnchanged(EventType type, PassThrough factory) {
        String payload = "{\"leadID\": \"l-1\", \"odd\": [1e400, \"x\"]}";

        NewEvent event = factory.of("b-1", "l-1", payload);

        assertThat(event.type()).isEqualTo(type);
        assertThat(event.businessId()).isEqualTo("b-1");
        assertThat(event.leadId()).isEqualTo("l-1");
        assertThat(event.data()).isSameAs(payload);
    }

    @Test
    void anUpdateOfALeadNotStoredYetHasNoBusiness() {
        NewEvent event = NewEvent.leadUpdated(null, "l-1", "{}");

        assertThat(event.businessId()).isNull();
        assertThat(event.leadId()).isEqualTo("l-1");
    }

    @Test
    void anUnhandledDeliveryIsTheDeliveryWithNoLead() {
        String delivery = "{\"event\": {\"eventType\": \"SomethingNewV4\"}, \"data\": {}}";

        NewEvent event = NewEvent.webhookUnhandled("b-1", delivery);

        assertThat(event.type()).isEqualTo(EventType.WEBHOOK_UNHANDLED);
        assertThat(event.type().wireName()).isEqualTo("webhook.unhandled");
        assertThat(event.businessId()).isEqualTo("b-1");
        assertThat(event.leadId()).isNull();
        assertThat(event.data()).isSameAs(delivery);
    }

    @Test
    void aV4LeadReadBackCarriesTheLegacyUpdateFieldsPlusStatus() {
        NewEvent event = NewEvent.leadChanged("b-1", "l-1", "$12.50", "Charged", "Picked");

        assertEvent(event, "lead.updated", "b-1", "l-1",
                "{\"leadID\":\"l-1\",\"leadPrice\":\"$12.50\",\"chargeState\":\"Charged\",\"status\":\"Picked\"}");
    }

    @Test
    void aFieldTheReadLacksIsNull() {
        assertThat(NewEvent.leadChanged("b-1", "l-1", null, null, "Open").data())
                .isEqualTo("{\"leadID\":\"l-1\",\"leadPrice\":null,\"chargeState\":null,\"status\":\"Open\"}");
    }

    @Test
    void aV4LeadIsShownInTheLegacyLeadsShapeWithApiVersionAndStatus() {
        NewEvent event = NewEvent.leadReceived(new NewEvent.V4Lead("l-1", Instant.parse("2026-08-16T17:13:04Z"),
                "r-1", "Plumbing", "c-1", "Plumbing", "Leaky tap", "1 Main St", null, "Austin", "TX", "78701",
                "Pro travels", "[{\"question\":\"When?\",\"answer\":\"Soon\"}]",
                "[{\"fileName\":\"tap.jpg\",\"fileSize\":2048,\"mimeType\":\"image/jpeg\",\"url\":\"https://files/tap.jpg\","
                        + "\"description\":\"the tap\"}]",
                "cu-1", "Ana B", "+15125550100", "b-1", "Ana's Plumbing", "$150.00", "$12.50", "NotCharged", "Open",
                "v4"));

        assertEvent(event, "lead.received", "b-1", "l-1", """
                {"leadID":"l-1","createTimestamp":"1786900384","request":{"requestID":"r-1","category":"Plumbing",\
                "categoryID":"c-1","title":"Plumbing","description":"Leaky tap","location":{"address1":"1 Main St",\
                "address2":null,"city":"Austin","state":"TX","zipCode":"78701"},"travelPreferences":"Pro travels",\
                "details":[{"question":"When?","answer":"Soon"}],"attachments":[{"fileName":"tap.jpg",\
                "fileSize":2048,"mimeType":"image/jpeg","url":"https://files/tap.jpg","description":"the tap"}]},\
                "customer":{"customerID":"cu-1","name":"Ana B","phone":"+15125550100"},"business":{"businessID":"b-1",\
                "name":"Ana's Plumbing"},"price":"$150.00","leadPrice":"$12.50","chargeState":"NotCharged",\
                "status":"Open","apiVersion":"v4"}""");
    }

    /**
     * Values that need escaping, text beyond ASCII, and a lead with nothing but its ID: the data reads
     * back as the same values, written exactly as Jackson's tree writer writes that tree.
     */
    @Test
    void aV4LeadsDataHoldsAnyTextAsJacksonWritesIt() throws Exception {
        String odd = "say \"hi\"\\ \t\n\u0001 caf\u00e9 \uD83D\uDEB0 </script>";
        ObjectMapper mapper = new ObjectMapper();
        // the lead row's arrays, as LeadParts writes them (compact, Jackson's escaping)
        String details = mapper.createArrayNode().add(mapper.createObjectNode().put("question", odd).put("answer", odd))
                .add(mapper.createObjectNode().put("question", "second").put("answer", "")).toString();
        String files = mapper.createArrayNode().add(mapper.createObjectNode().put("fileName", odd)
                .put("fileSize", Long.MAX_VALUE).put("mimeType", odd).put("url", odd).putNull("description")).toString();
        NewEvent full = NewEvent.leadReceived(new NewEvent.V4Lead("l-1", Instant.ofEpochSecond(-1), "r-1", odd,
                "c-1", odd, odd, odd, odd, odd, odd, odd, odd, details, files, "cu-1", odd, odd, "b-1", odd,
                odd, odd, odd, odd, "v4"));
        // no arrays at all: empty ones
        NewEvent bare = NewEvent.leadReceived(new NewEvent.V4Lead("l-2", null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, "b-1", null, null, null, null,
                null, "v4"));

        for (NewEvent event : List.of(full, bare)) {
            assertThat(mapper.readTree(event.data()).toString()).isEqualTo(event.data());
        }
        JsonNode data = mapper.readTree(full.data());
        assertThat(data.at("/createTimestamp").asText()).isEqualTo("-1");
        assertThat(data.at("/request/description").asText()).isEqualTo(odd);
        assertThat(data.at("/request/details/0/answer").asText()).isEqualTo(odd);
        assertThat(data.at("/request/details/1/answer").asText()).isEmpty();
        assertThat(data.at("/request/attachments/0/fileSize").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(data.at("/request/attachments/0/description").isNull()).isTrue();
        assertThat(data.at("/customer/name").asText()).isEqualTo(odd);
        assertThat(mapper.readTree(bare.data())).isEqualTo(mapper.readTree("""
                {"leadID":"l-2","createTimestamp":null,"request":{"requestID":null,"category":null,"categoryID":null,\
                "title":null,"description":null,"location":{"address1":null,"address2":null,"city":null,"state":null,\
                "zipCode":null},"travelPreferences":null,"details":[],"attachments":[]},"customer":{"customerID":null,\
                "name":null,"phone":null},"business":{"businessID":"b-1","name":null},"price":null,"leadPrice":null,\
                "chargeState":null,"status":null,"apiVersion":"v4"}"""));
    }

    static Stream<Arguments> v4Messages() {
        return Stream.of(
                Arguments.of("Customer", (Function<NewEvent.V4Message, NewEvent>) NewEvent::messageReceived,
                        "message.received"),
                Arguments.of("Business", (Function<NewEvent.V4Message, NewEvent>) NewEvent::messageProSent,
                        "message.pro_sent"));
    }

    @ParameterizedTest
    @MethodSource("v4Messages")
    void aV4MessageIsShownInTheLegacyMessagesShapeWithApiVersionAndFrom(String from,
            Function<NewEvent.V4Message, NewEvent> factory, String type) throws Exception {
        JsonNode files = new ObjectMapper().readTree("[{\"fileName\":\"a.pdf\"}]");
        NewEvent event = factory.apply(new NewEvent.V4Message("l-1", "cu-1", "b-1", "m-1",
                Instant.ofEpochSecond(1_786_900_384), "Tuesday?", files, from, "v4"));

        assertEvent(event, type, "b-1", "l-1", """
                {"leadID":"l-1","customerID":"cu-1","businessID":"b-1","message":{"messageID":"m-1",\
                "createTimestamp":"1786900384","text":"Tuesday?","attachments":[{"fileName":"a.pdf"}]},\
                "from":"%s","apiVersion":"v4"}""".formatted(from));
    }

    @Test
    void aV4MessageWithoutAttachmentsListsNone() {
        NewEvent event = NewEvent.messageReceived(new NewEvent.V4Message("l-1", "cu-1", "b-1", "m-1", null, "Hi",
                null, "Customer", "v4"));

        assertThat(event.data()).contains("\"createTimestamp\":null").contains("\"attachments\":[]");
    }

    @Test
    void aV4ReviewIsShownInTheLegacyReviewsShapeWithApiVersion() {
        NewEvent event = NewEvent.reviewReceived(new NewEvent.V4Review("rv-1", "b-1", "l-1", "c-1", "5", "Great",
                "Ana", Instant.ofEpochMilli(1_786_900_384_123L), "created", "v4"));

        assertEvent(event, "review.received", "b-1", "l-1", """
                {"review":{"reviewID":"rv-1","businessID":"b-1","leadID":"l-1","categoryID":"c-1","rating":"5",\
                "text":"Great","reviewerName":"Ana","createTime":"1786900384123","photos":[]},\
                "reviewEventType":"created","apiVersion":"v4"}""");
    }

    @Test
    void aSentMessageCarriesItsOutboundMessageAndTheMessageIdThumbtackAnswered() {
        NewEvent event = NewEvent.messageSent(OUTBOUND, "b-1", "l-1", 2, "m-9");

        assertEvent(event, "message.sent", "b-1", "l-1",
                "{\"outboundMessageId\":\"" + OUTBOUND + "\",\"businessId\":\"b-1\","
                + "\"leadId\":\"l-1\",\"status\":\"SENT\",\"attempts\":2,\"lastError\":null,"
                + "\"thumbtackMessageId\":\"m-9\"}");
    }

    @Test
    void aLegacySendHasNoThumbtackMessageId() {
        assertThat(NewEvent.messageSent(OUTBOUND, "b-1", "l-1", 1, null).data())
                .isEqualTo("{\"outboundMessageId\":\"" + OUTBOUND + "\",\"businessId\":\"b-1\","
                        + "\"leadId\":\"l-1\",\"status\":\"SENT\",\"attempts\":1,\"lastError\":null}");
    }

    @Test
    void aFailedMessageCarriesItsLastError() {
        NewEvent event = NewEvent.messageFailed(OUTBOUND, "b-1", "l-1", 5, "Thumbtack answered 400: \"bad\"");

        assertEvent(event, "message.failed", "b-1", "l-1",
                "{\"outboundMessageId\":\"" + OUTBOUND + "\",\"businessId\":\"b-1\","
                + "\"leadId\":\"l-1\",\"status\":\"FAILED\",\"attempts\":5,"
                + "\"lastError\":\"Thumbtack answered 400: \\\"bad\\\"\"}");
    }

    @Test
    void aConnectionCarriesNameScopesAndWhetherItWasConnectedBefore() {
        NewEvent event = NewEvent.connectionConnected("b-1", "CONNECTED", "Ana's Plumbing",
                List.of("messages", "targeting"), false);

        assertEvent(event, "connection.connected", "b-1", null,
                "{\"businessId\":\"b-1\",\"status\":\"CONNECTED\","
                + "\"businessName\":\"Ana's Plumbing\",\"scopes\":[\"messages\",\"targeting\"],\"reconnected\":false}");
        assertThat(NewEvent.connectionConnected("b-1", "CONNECTED", null, List.of(), true).data())
                .isEqualTo("{\"businessId\":\"b-1\",\"status\":\"CONNECTED\",\"businessName\":null,\"scopes\":[],"
                        + "\"reconnected\":true}");
    }

    @Test
    void aConnectionThatNeedsReauthorizationSaysWhy() {
        NewEvent event = NewEvent.connectionNeedsReauth("b-1", "NEEDS_REAUTH", "invalid_grant: expired");

        assertEvent(event, "connection.needs_reauth", "b-1", null,
                "{\"businessId\":\"b-1\",\"status\":\"NEEDS_REAUTH\",\"reason\":\"invalid_grant: expired\"}");
    }

    @Test
    void aMigrationNamesBothApiVersions() {
        NewEvent event = NewEvent.connectionMigrated("b-1", "CONNECTED", "legacy", "v4");

        assertEvent(event, "connection.migrated", "b-1", null,
                "{\"businessId\":\"b-1\",\"status\":\"CONNECTED\",\"from\":\"legacy\",\"to\":\"v4\"}");
    }

    @Test
    void aDisconnectionCarriesTheBusinessAndStatusOnly() {
        NewEvent event = NewEvent.connectionDisconnected("b-1", "DISCONNECTED");

        assertEvent(event, "connection.disconnected", "b-1", null,
                "{\"businessId\":\"b-1\",\"status\":\"DISCONNECTED\"}");
    }

    private static void assertEvent(NewEvent event, String wireName, String businessId, String leadId, String data) {
        assertThat(event.type().wireName()).isEqualTo(wireName);
        assertThat(event.businessId()).isEqualTo(businessId);
        assertThat(event.leadId()).isEqualTo(leadId);
        assertThat(event.data()).isEqualTo(data);
    }

    /** The SQL writers bind the wire name from EventType; no other main source spells one. */
    @Test
    void onlyEventTypeSpellsTheWireNames() throws IOException {
        Path main = Path.of("src/main/java");
        Path home = main.resolve("io/ttgateway/event/EventType.java");
        try (Stream<Path> sources = Files.walk(main)) {
            List<Path> others = sources.filter(p -> p.toString().endsWith(".java") && !p.equals(home)).toList();
            assertThat(others).isNotEmpty();
            for (Path source : others) {
                String text = Files.readString(source);
                for (EventType type : EventType.values()) {
                    assertThat(text).as("%s spells %s", source, type.wireName())
                            .doesNotContain("\"" + type.wireName() + "\"")
                            .doesNotContain("'" + type.wireName() + "'");
                }
            }
        }
    }
}
