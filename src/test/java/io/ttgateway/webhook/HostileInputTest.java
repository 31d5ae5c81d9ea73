package io.ttgateway.webhook;

import static io.ttgateway.support.Api.thumbtack;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A fuzz loop of hostile bodies against each webhook (seeded, so a failure repeats): every node of
 * each sample replaced by a value of another type, truncated and garbled bodies, deep nesting, huge
 * strings and numbers, every text longer than an ID column, non-object bodies, NUL and lone
 * surrogates. Never a 5xx; a rejected body leaves no row at all; an accepted one is stored whole (its
 * child rows match its raw payload, and exactly one event).
 */
@QuarkusTest
class HostileInputTest {

    private static final long SEED = 20261127L;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_BODY = 1024 * 1024;

    @Inject
    Db db;

    private final Random random = new Random(SEED);
    private final Map<Integer, Integer> statuses = new TreeMap<>();

    /** One webhook: where it goes, a fresh sample with the given ID, and the paths holding IDs. */
    private record Hook(String name, String method, String path, List<String> idPaths) {}

    private static final Hook LEAD = new Hook("lead", "POST", "/v1/lead", List.of("/leadID"));
    private static final Hook UPDATE = new Hook("update", "PUT", "/v1/lead/update", List.of("/leadID"));
    private static final Hook MESSAGE = new Hook("message", "POST", "/v1/message",
            List.of("/message/messageID"));
    private static final Hook REVIEW = new Hook("review", "POST", "/v1/review", List.of("/review/reviewID"));

    private static ObjectNode sample(Hook hook, String id) {
        return switch (hook.name()) {
            case "lead" -> Fixtures.lead(id, Fixtures.newId());
            case "update" -> withField(Fixtures.json("lead-update.json"), "leadID", id);
            case "message" -> Fixtures.message(Fixtures.newId(), id);
            default -> withLead(Fixtures.review(id));
        };
    }

    @Test
    void noHostileBodyGetsA5xxOrLeavesAHalfRecord() {
        int cases = 0;
        for (Hook hook : List.of(LEAD, UPDATE, MESSAGE, REVIEW)) {
            cases += wrongTypes(hook);
            cases += overlongTexts(hook);
            cases += truncatedAndGarbled(hook);
            cases += oddShapes(hook);
        }
        System.out.printf("HostileInputTest: %d bodies, answers by status %s%n", cases, statuses);
        assertThat(statuses.keySet()).allMatch(status -> status < 500);
        // The loop must exercise both sides, or it proves nothing.
        assertThat(statuses.getOrDefault(200, 0)).isGreaterThan(50);
        assertThat(statuses.getOrDefault(400, 0)).isGreaterThan(200);
        assertThat(statuses).containsKey(413);
    }

    /** Each node of the sample replaced by three values of other types, picked at random. */
    private int wrongTypes(Hook hook) {
        List<JsonNode> replacements = List.of(NODES.numberNode(42), NODES.numberNode(-1.5e300), NODES.textNode("x"),
                NODES.booleanNode(true), NODES.nullNode(), NODES.arrayNode(), NODES.objectNode(),
                NODES.textNode(""));
        int count = 0;
        for (String pointer : pointers(sample(hook, "0"), "")) {
            for (int k = 0; k < 3; k++) {
                String id = Fixtures.newId();
                ObjectNode body = sample(hook, id);
                replace(body, pointer, replacements.get(random.nextInt(replacements.size())));
                boolean idIntact = hook.idPaths().stream().noneMatch(pointer::startsWith);
                send(hook, body.toString().getBytes(StandardCharsets.UTF_8), idIntact ? id : null);
                count++;
            }
        }
        return count;
    }

    /** Each text of the sample made longer than any ID column (varchar(64)) holds. */
    private int overlongTexts(Hook hook) {
        int count = 0;
        ObjectNode template = sample(hook, "0");
        for (String pointer : pointers(template, "")) {
            if (!template.at(pointer).isTextual()) {
                continue;
            }
            String id = Fixtures.newId();
            ObjectNode body = sample(hook, id);
            replace(body, pointer, NODES.textNode("7".repeat(65 + random.nextInt(5000))));
            boolean idIntact = hook.idPaths().stream().noneMatch(pointer::startsWith);
            send(hook, body.toString().getBytes(StandardCharsets.UTF_8), idIntact ? id : null);
            count++;
        }
        return count;
    }

    private int truncatedAndGarbled(Hook hook) {
        String junk = "{}[]:,\"\\\u0000\u00ff0-e.";
        int count = 0;
        for (int i = 0; i < 25; i++) {
            String id = Fixtures.newId();
            String text = sample(hook, id).toString();
            send(hook, text.substring(0, random.nextInt(text.length())).getBytes(StandardCharsets.UTF_8), id);
            String other = Fixtures.newId();
            StringBuilder garbled = new StringBuilder(sample(hook, other).toString());
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                garbled.setCharAt(random.nextInt(garbled.length()), junk.charAt(random.nextInt(junk.length())));
            }
            // A flip inside the ID makes it another ID: then only the answer is checked.
            send(hook, garbled.toString().getBytes(StandardCharsets.UTF_8),
                    garbled.indexOf("\"" + other + "\"") >= 0 ? other : null);
            count += 2;
        }
        return count;
    }

    private int oddShapes(Hook hook) {
        List<byte[]> bodies = new ArrayList<>();
        for (String text : List.of("", " ", "null", "[]", "\"lead\"", "42", "{}", "{", "}", "{\"a\":1}{\"b\":2}",
                "[" + sample(hook, Fixtures.newId()) + "]")) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        // Nesting beyond any sane depth (the parser's limit) and just under it, in an unknown field.
        bodies.add(withRaw(hook, "deep", "[".repeat(100_000)));
        bodies.add(withRaw(hook, "deep", "[".repeat(5_000) + "]".repeat(5_000)));
        bodies.add(withRaw(hook, "deep", "{\"a\":".repeat(800) + "1" + "}".repeat(800)));
        // Huge strings: one inside the 1 MiB limit (an unknown field), one over it, one as an ID.
        bodies.add(withRaw(hook, "extra", "\"" + "x".repeat(1_000_000) + "\""));
        bodies.add(withRaw(hook, "extra", "\"" + "x".repeat(1_100_000) + "\""));
        bodies.add(withId(hook, "9".repeat(10_000)));
        // Numbers beyond every type, NUL, a lone surrogate, bytes that are not UTF-8, duplicate keys.
        bodies.add(withRaw(hook, "n", "1e400"));
        bodies.add(withRaw(hook, "n", "123456789012345678901234567890123456789"));
        bodies.add(withId(hook, "12\u00003"));
        bodies.add(withRaw(hook, "s", "\"\\ud800\""));
        // "\u00e9" as one ISO-8859-1 byte (0xE9): not valid UTF-8.
        bodies.add(new String(withRaw(hook, "s", "\"caf\u00e9\""), StandardCharsets.UTF_8)
                .getBytes(StandardCharsets.ISO_8859_1));
        String id = Fixtures.newId();
        String text = sample(hook, id).toString();
        bodies.add(("{\"leadID\":\"1\"," + text.substring(1)).getBytes(StandardCharsets.UTF_8));
        for (byte[] body : bodies) {
            send(hook, body, null);
        }
        return bodies.size();
    }

    private byte[] withRaw(Hook hook, String field, String rawJsonValue) {
        String text = sample(hook, Fixtures.newId()).toString();
        return ("{\"" + field + "\":" + rawJsonValue + "," + text.substring(1)).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] withId(Hook hook, String id) {
        return sample(hook, id).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Sends one body; checks the answer and, when the ID is known, what is stored under it. */
    private void send(Hook hook, byte[] body, String id) {
        RequestSpecification request = thumbtack().body(body);
        if (body.length > MAX_BODY) {
            // The server refuses an over-limit body as soon as it sees its Content-Length and closes the
            // connection; a client still writing the body would see a broken pipe instead of the 413.
            // With Expect: 100-continue the client waits for that answer before sending the body.
            request.header("Expect", "100-continue");
        }
        Response response = request.request(hook.method(), hook.path());
        int status = response.statusCode();
        statuses.merge(status, 1, Integer::sum);
        assertThat(status).as("%s answered %s to %s", hook.path(), response.body().asString(), preview(body))
                .isIn(200, 202, 400, 413);
        if (id == null) {
            return;
        }
        if (status >= 400) {
            assertThat(rowsFor(hook, id)).as("rows stored for a rejected %s %s", hook.name(), preview(body)).isZero();
        } else {
            assertWhole(hook, id, preview(body));
        }
    }

    private long rowsFor(Hook hook, String id) {
        return switch (hook.name()) {
            case "lead" -> db.count("select (select count(*) from lead where lead_id = $1)"
                    + " + (select count(*) from event where lead_id = $1)", id);
            case "update" -> db.count("select (select count(*) from lead_update where lead_id = $1)"
                    + " + (select count(*) from event where lead_id = $1)", id);
            case "message" -> db.count("select (select count(*) from message where message_id = $1)"
                    + " + (select count(*) from message_attachment where message_id = $1)", id);
            default -> db.count("select (select count(*) from review where review_id = $1)"
                    + " + (select count(*) from review_photo where review_id = $1)", id);
        };
    }

    /** Accepted: exactly one row, child rows as many as the raw payload lists, exactly one event. */
    private void assertWhole(Hook hook, String id, String what) {
        String sql = switch (hook.name()) {
            case "lead" -> "select count(*) filter (where l.n_details = " + len("l.payload::jsonb->'request'->'details'")
                    + " and l.n_files = " + len("l.payload::jsonb->'request'->'attachments'") + " and l.n_events = 1)"
                    + " from (select payload, jsonb_array_length(x.details) n_details,"
                    + " jsonb_array_length(x.attachments) n_files,"
                    + " (select count(*) from event e where e.lead_id = x.lead_id and e.type = 'lead.received') n_events"
                    + " from lead x where x.lead_id = $1) l";
            case "update" -> "select count(*) filter (where (select count(*) from event e where e.lead_id = u.lead_id"
                    + " and e.type = 'lead.updated') >= 1) from lead_update u where u.lead_id = $1";
            case "message" -> "select count(*) filter (where (select count(*) from message_attachment a"
                    + " where a.message_id = m.message_id) = " + len("m.raw->'message'->'attachments'")
                    + " and (select count(*) from event e where e.type = 'message.received'"
                    + " and e.data->'message'->>'messageID' = m.message_id) = 1) from message m where m.message_id = $1";
            default -> "select count(*) filter (where (select count(*) from review_photo p"
                    + " where p.review_id = r.review_id) = " + len("r.raw->'review'->'photos'")
                    + " and (select count(*) from event e where e.type = 'review.received'"
                    + " and e.data->'review'->>'reviewID' = r.review_id) = 1) from review r where r.review_id = $1";
        };
        assertThat(db.count(sql, id)).as("a whole %s stored for %s", hook.name(), what).isEqualTo(1);
    }

    private static String len(String jsonb) {
        return "(case jsonb_typeof(" + jsonb + ") when 'array' then jsonb_array_length(" + jsonb + ") else 0 end)";
    }

    private static List<String> pointers(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                out.add(at + "/" + name);
                out.addAll(pointers(object.get(name), at + "/" + name));
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                out.add(at + "/" + i);
                out.addAll(pointers(array.get(i), at + "/" + i));
            }
        }
        return out;
    }

    private static void replace(ObjectNode root, String pointer, JsonNode value) {
        int cut = pointer.lastIndexOf('/');
        ContainerNode<?> parent = (ContainerNode<?>) root.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        }
    }

    private static ObjectNode withField(ObjectNode node, String field, String value) {
        node.put(field, value);
        return node;
    }

    private static ObjectNode withLead(ObjectNode review) {
        ((ObjectNode) review.get("review")).put("leadID", Fixtures.newId());
        return review;
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + body.length + " bytes)";
    }
}
