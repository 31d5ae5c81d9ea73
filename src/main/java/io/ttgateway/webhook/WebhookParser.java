package io.ttgateway.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.ttgateway.common.ApiError.FieldError;
import io.ttgateway.common.InvalidInputException;
import io.ttgateway.common.JsonPaths;
import io.ttgateway.webhook.payload.LeadPayload;
import io.ttgateway.webhook.payload.V4Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import org.hibernate.validator.HibernateValidatorFactory;

/**
 * Reads a webhook body: JSON tree first (kept raw, unknown fields included), then the typed payload,
 * then the reference's required fields. Every failure is an {@link InvalidInputException} naming
 * the JSON path of each bad field.
 *
 * <p>NUL characters are refused (400); numbers beyond PostgreSQL's numeric are kept, with the body
 * as received (see {@link UnstorableText}).
 *
 * <p>The raw tree keeps every number exactly (decimals as BigDecimal, trailing zeros too) and the
 * body must be one JSON value with nothing after it.
 */
@ApplicationScoped
public class WebhookParser {

    private final ObjectMapper mapper;
    private final ObjectReader rawReader;
    private final Validator validator;

    WebhookParser(ObjectMapper mapper, ValidatorFactory validation) {
        this.mapper = mapper;
        this.rawReader = mapper.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
        this.validator = payloadValidator(validation);
    }

    /**
     * The factory's traversable resolver ({@link PayloadTraversal}) says yes to every property, but Hibernate
     * Validator still keeps each answer in a map made for that one validation unless told not to (about 4 KB
     * allocated per lead webhook).
     */
    private static Validator payloadValidator(ValidatorFactory validation) {
        return validation.unwrap(HibernateValidatorFactory.class).usingContext()
                .enableTraversableResolverResultCache(false)
                .getValidator();
    }

    public <T> Parsed<T> parse(String body, Class<T> type) {
        return parse(body, type, "invalid " + type.getSimpleName().replace("Payload", "").toLowerCase() + " payload",
                (payload, raw) -> payload);
    }

    /** A v4 delivery: its envelope bound and validated, its data the received tree's own node. */
    public Parsed<V4Delivery> parseV4(String body) {
        return parse(body, V4Delivery.Envelope.class, "invalid v4 delivery", V4Delivery::of);
    }

    /** {@code bound}: the payload from what was bound and the tree as received (before any storable copy). */
    private <B, T> Parsed<T> parse(String body, Class<B> type, String label, BiFunction<B, JsonNode, T> bound) {
        JsonNode raw = readTree(body);
        if (!raw.isObject()) {
            throw InvalidInputException.field("$", "the body must be a JSON object");
        }
        UnstorableText.Findings unstorable = UnstorableText.find(raw);
        if (!unstorable.nul().isEmpty()) {
            throw new InvalidInputException(label, unstorable.nul());
        }
        T payload = bound.apply(part(raw, "", type, label), raw);
        if (!unstorable.numbers().isEmpty()) {
            // Valid JSON with unknown or text fields jsonb cannot hold: stored all the same (a 400 would
            // refuse a webhook the contract accepts; a 503 would be redelivered forever).
            JsonNode storable = unstorable.storableCopy(raw);
            return new Parsed<>(payload, storable, storable.toString(), body);
        }
        String stored = storedText(body);
        return new Parsed<>(payload, raw, stored != null ? stored : raw.toString(), null);
    }

    /**
     * The body as the JSON columns store it: without the whitespace between its tokens (so a stored
     * payload is one line, as the feed and its event stream hand it out), or null when PostgreSQL would
     * not read it as the parser did. The body itself is returned when it has no such whitespace.
     *
     * <p>PostgreSQL's json and jsonb read a body the parser took as the parser did (same values, the last
     * of repeated keys the one that counts), except for what only the parser allows or PostgreSQL refuses:
     * a trailing comma (allowed for the reference's own samples), a Unicode escape (backslash, u, four hex
     * digits) such as a lone surrogate, a byte order mark, and a number beyond jsonb's numeric. The tree is
     * checked for such numbers ({@link UnstorableText}), but jsonb reads every value of a key given twice
     * while the tree keeps only the last, so any number with an exponent (the only way to write one beyond
     * numeric within the parser's 1000-digit limit) also sends the body through the tree. Such bodies are
     * stored as the tree's text instead.
     */
    static String storedText(String body) {
        if (body.indexOf('\uFEFF') >= 0) {
            return null;
        }
        int length = body.length();
        StringBuilder compact = null;
        int from = 0; // where the run of the body not yet copied to compact starts
        int escape = body.indexOf('\\'); // the next backslash (in a text), -1 when none is left
        boolean afterComma = false;
        char previous = ' ';
        for (int i = 0; i < length; i++) {
            char c = body.charAt(i);
            switch (c) {
                case '"' -> {
                    // a text, left as it is: on to its closing quote (String.indexOf is vectorised), past
                    // each backslash and the character it escapes
                    int end = body.indexOf('"', i + 1);
                    while (escape >= 0 && escape < end) {
                        if (body.charAt(escape + 1) == 'u') { // escape < end: a character follows
                            return null;
                        }
                        if (escape + 1 == end) {
                            end = body.indexOf('"', end + 1); // an escaped quote does not end the text
                        }
                        escape = body.indexOf('\\', escape + 2);
                    }
                    if (end < 0) {
                        return null; // not JSON (the parser has refused it before)
                    }
                    i = end;
                    afterComma = false;
                }
                case ',' -> afterComma = true;
                case ' ', '\n', '\r', '\t' -> {
                    // left out, the whole run at once; a comma stays the last token across it
                    if (compact == null) {
                        compact = new StringBuilder(length);
                    }
                    compact.append(body, from, i);
                    while (i + 1 < length && isWhitespace(body.charAt(i + 1))) {
                        i++;
                    }
                    from = i + 1;
                }
                case '}', ']' -> {
                    if (afterComma) {
                        return null;
                    }
                }
                case 'e', 'E' -> {
                    if (Character.isDigit(previous) || previous == '.') {
                        return null; // an exponent (in true and false, an e follows a letter)
                    }
                    afterComma = false;
                }
                default -> afterComma = false;
            }
            previous = c;
        }
        return compact == null ? body : compact.append(body, from, length).toString();
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /**
     * A part of a body already parsed (a v4 delivery's data, by its event type) read as its payload
     * type and validated; the fields named in errors start with {@code prefix} ("data." for example).
     */
    public <T> T part(JsonNode node, String prefix, Class<T> type, String label) {
        T payload = toPayload(node, prefix, type);
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<T> violation : validator.validate(payload)) {
            errors.add(new FieldError(prefix + path(violation), violation.getMessage()));
        }
        if (payload instanceof LeadPayload lead) {
            errors.addAll(streetAddress(lead));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw new InvalidInputException(label, errors);
        }
        return payload;
    }

    private <T> T toPayload(JsonNode raw, String prefix, Class<T> type) {
        try {
            return mapper.treeToValue(raw, type);
        } catch (JsonMappingException e) {
            throw InvalidInputException.field(prefix + JsonPaths.of(e), "wrong type: " + expected(e));
        } catch (StreamReadException e) {
            // A number that does not fit its field (for example a fileSize beyond 64 bits).
            String field = e.getProcessor() != null ? JsonPaths.of(e.getProcessor()) : "$";
            throw InvalidInputException.field(prefix + field, "number out of range");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("malformed JSON body", List.of());
        }
    }

    /** Hibernate Validator's path, minus its marker for a list element itself. */
    private static String path(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString().replace(".<list element>", "");
    }

    private JsonNode readTree(String body) {
        if (body == null || body.isBlank()) {
            throw InvalidInputException.field("$", "the body is empty");
        }
        try {
            return rawReader.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("malformed JSON body", List.of());
        }
    }

    private static List<FieldError> streetAddress(LeadPayload lead) {
        List<FieldError> errors = new ArrayList<>();
        if (lead.needsStreetAddress() && lead.request() != null && lead.request().location() != null) {
            String message = "must not be null for leadType " + lead.leadType();
            if (lead.request().location().address1() == null) {
                errors.add(new FieldError("request.location.address1", message));
            }
            if (lead.request().location().address2() == null) {
                errors.add(new FieldError("request.location.address2", message));
            }
        }
        return errors;
    }

    private static String expected(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                && mismatch.getTargetType() != null) {
            return "expected " + describe(mismatch.getTargetType());
        }
        return "unexpected value";
    }

    private static String describe(Class<?> target) {
        if (target == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive() && target != boolean.class) {
            return "a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "a boolean";
        }
        if (List.class.isAssignableFrom(target)) {
            return "an array";
        }
        return "an object";
    }
}
