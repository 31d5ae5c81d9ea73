package io.ttgateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.common.ApiError.FieldError;
import io.ttgateway.common.InvalidInputException;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.V4Deliveries;
import io.ttgateway.webhook.payload.V4Delivery;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class WebhookParserTest {

    @Inject
    WebhookParser parser;

    @Test
    void aV4DeliveryKeepsItsDataAsTheReceivedTreesOwnNode() {
        ObjectNode body = V4Deliveries.negotiation("286845156044809661", Fixtures.newId());

        Parsed<V4Delivery> parsed = parser.parseV4(body.toString());

        assertThat(parsed.payload().data()).isSameAs(parsed.raw().get("data")).isEqualTo(body.get("data"));
        assertThat(parsed.payload().event().eventType()).isEqualTo("NegotiationCreatedV4");
        assertThat(parsed.payload().namedBusiness()).isEqualTo("286845156044809661");
        assertThat(parsed.rawJson()).isEqualTo(body.toString());
    }

    @Test
    void aV4DeliveryWithoutEventOrDataNamesBothFieldsInOrder() {
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> parser.parseV4("{}"));

        assertThat(refused.getMessage()).isEqualTo("invalid v4 delivery");
        assertThat(refused.details()).extracting(FieldError::field).containsExactly("data", "event");
    }

    @Test
    void anOrdinaryBodyIsStoredWithoutTheWhitespaceBetweenItsTokensNotWrittenOutAgain() {
        String body = "{\n  \"event\": {\"eventType\": \"SomethingNewV4\"},\r\n\t\"data\": {\"text\": \"a \\\"quote\\\" and\\na line\"}\n}\n";

        Parsed<V4Delivery> parsed = parser.parseV4(body);

        assertThat(parsed.rawJson())
                .isEqualTo("{\"event\":{\"eventType\":\"SomethingNewV4\"},\"data\":{\"text\":\"a \\\"quote\\\" and\\na line\"}}");
        assertThat(parsed.rawText()).isNull();
    }

    @Test
    void aBodyWithoutWhitespaceBetweenItsTokensIsStoredAsTheSameText() {
        String body = "{\"event\":{\"eventType\":\"SomethingNewV4\"},\"data\":{\"text\":\"two  spaces\\t\"}}";

        assertThat(parser.parseV4(body).rawJson()).isSameAs(body);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lead.json", "message.json", "review.json", "v4-negotiation-created.json",
            "v4-message-created-customer.json", "v4-message-created-business.json", "v4-review-created.json"})
    void aReferenceSampleIsStoredOnOneLineAsTheSameJson(String sample) throws Exception {
        String body = Fixtures.text(sample);

        String stored = WebhookParser.storedText(body);

        assertThat(stored).isNotNull().doesNotContain("\n", "\r", "\t").hasSizeLessThan(body.length());
        assertThat(Fixtures.JSON.readTree(stored)).isEqualTo(Fixtures.JSON.readTree(body));
        assertThat(stored).isEqualTo(withoutWhitespaceOutsideTexts(body));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"\\ud800\"", "\"caf\\u00e9\"", "\"\uFEFF\"", "[1, 2,  \n]", "{\"a\": 1,}", "1e5",
            "[2.5E-3]", "{\"n\": 1.5e2}"})
    void aBodyWithWhatOnlyTheParserReadsIsStoredAsTheTreesText(String value) {
        String body = "{\"event\": {\"eventType\": \"SomethingNewV4\"}, \"data\": {\"value\": " + value + "}}";

        Parsed<V4Delivery> parsed = parser.parseV4(body);

        assertThat(parsed.rawJson()).isEqualTo(parsed.raw().toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"\\\\u\"", "[\"\\\\\", \"\\\\\\\\user\"]", "\"a, } and ,]\"", "\"1e5\"",
            "[true, false, null, 12.5]", "\"\\\"1e5, }\""})
    void lookalikesInsideTextsAndWordsAreReadAsTheyAre(String value) throws Exception {
        String body = "{\"event\": {\"eventType\": \"SomethingNewV4\"}, \"data\": {\"value\": " + value + "}}";

        Parsed<V4Delivery> parsed = parser.parseV4(body);

        assertThat(parsed.rawJson()).isEqualTo(withoutWhitespaceOutsideTexts(body));
        assertThat(Fixtures.JSON.readTree(parsed.rawJson())).isEqualTo(Fixtures.JSON.readTree(body));
    }

    /**
     * Random trees with texts full of what the scan must not misread (quotes, backslashes, commas before a
     * bracket, e after a digit, byte order marks, control characters Jackson writes as Unicode escapes),
     * written compact or over many lines: the stored text is the body without its whitespace between
     * tokens, or null exactly when the body holds a Unicode escape, a byte order mark or an exponent.
     */
    @Test
    void theStoredTextOfRandomBodiesIsTheirTokensOrNoneWhenPostgresWouldReadThemOtherwise() throws Exception {
        Random random = new Random(20261205);
        ObjectWriter pretty = Fixtures.JSON.writerWithDefaultPrettyPrinter();
        int stored = 0;
        for (int n = 0; n < 20_000; n++) {
            JsonNode tree = randomValue(random, 0, true);
            String body = random.nextBoolean() ? tree.toString()
                    : pretty.writeValueAsString(tree).replace("\n", random.nextBoolean() ? "\r\n\t" : "\n");

            String expected = readOtherwise(body) ? null : withoutWhitespaceOutsideTexts(body);

            assertThat(WebhookParser.storedText(body)).as(body).isEqualTo(expected);
            if (expected != null) {
                stored++;
            }
        }
        assertThat(stored).as("bodies stored as their tokens").isBetween(5_000, 15_000);
    }

    private static boolean readOtherwise(String body) {
        if (body.indexOf('\uFEFF') >= 0) {
            return true;
        }
        Matcher m = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|[^\"]+").matcher(body);
        while (m.find()) {
            String token = m.group();
            if (token.startsWith("\"") ? Pattern.compile("(?<!\\\\)(\\\\\\\\)*\\\\u").matcher(token).find()
                    : Pattern.compile("[0-9.][eE]").matcher(token).find()) {
                return true;
            }
        }
        return false;
    }

    private static final String TEXT_CHARACTERS = "ab \"\\/,}]e1.\u00e9\n\t\u0001\uFEFF";

    private static JsonNode randomValue(Random random, int depth, boolean object) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        int kind = object ? 0 : random.nextInt(depth > 3 ? 6 : 8);
        switch (kind) {
            case 0 -> {
                ObjectNode node = nodes.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    node.set(randomText(random), randomValue(random, depth + 1, false));
                }
                return node;
            }
            case 1 -> {
                return nodes.textNode(randomText(random));
            }
            case 2 -> {
                return nodes.numberNode(random.nextInt(2000) - 1000);
            }
            case 3 -> {
                return nodes.numberNode(new BigDecimal(random.nextInt(100000)).movePointLeft(random.nextInt(3)));
            }
            case 4 -> {
                return nodes.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(16) - 8));
            }
            case 5 -> {
                return random.nextBoolean() ? nodes.booleanNode(random.nextBoolean()) : nodes.nullNode();
            }
            default -> {
                ArrayNode array = nodes.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth + 1, random.nextInt(3) == 0));
                }
                return array;
            }
        }
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            text.append(random.nextInt(3) == 0 ? TEXT_CHARACTERS.charAt(random.nextInt(TEXT_CHARACTERS.length()))
                    : (char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    /** A second reading of "whitespace between tokens", by regular expression over texts and the rest. */
    private static String withoutWhitespaceOutsideTexts(String body) {
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|[^\"]+").matcher(body);
        while (m.find()) {
            String token = m.group();
            out.append(token.startsWith("\"") ? token : token.replaceAll("[ \\n\\r\\t]", ""));
        }
        return out.toString();
    }
}
