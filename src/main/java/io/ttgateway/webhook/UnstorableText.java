package io.ttgateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ttgateway.common.ApiError.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One pass over a webhook's JSON tree for values PostgreSQL cannot store as they are:
 * <ul>
 * <li>the NUL character (valid JSON as \u0000), refused by text and jsonb columns alike: a 400
 * naming the field (nothing could keep it);</li>
 * <li>numbers beyond what numeric, and so jsonb, holds (131072 digits before the decimal point,
 * 16383 after; {@code 1e131072} is valid JSON): the webhook is stored all the same, its body kept
 * unchanged as text and the jsonb copy holding each such number as a JSON string (see
 * {@link Findings#storableCopy}).</li>
 * </ul>
 * The walk keeps the current path as a stack of references to the tree's own keys; a path string is
 * built only for a value that is reported, so a deep body with long keys costs no memory to check.
 */
final class UnstorableText {

    private static final char NUL = '\u0000';
    private static final String MESSAGE = "must not contain the NUL character (\\u0000)";
    /** PostgreSQL's numeric: at most this many digits before the decimal point... */
    static final int MAX_INTEGER_DIGITS = 131_072;
    /** ...and this many after it (its display scale). */
    static final int MAX_SCALE = 16_383;
    /** PostgreSQL refuses a written exponent of this or more (either sign), even on a zero. */
    static final long MAX_EXPONENT = Integer.MAX_VALUE / 2;
    /** Jackson's limit on a number's length: a zero's written exponent is at most this above its -scale. */
    private static final int MAX_NUMBER_LENGTH = 1_000;
    /** An integer of fewer bits has fewer than 131072 decimal digits (435,411 x log10(2) < 131072). */
    private static final int SAFE_BITS = 435_000;

    private UnstorableText() {}

    /** A number numeric cannot hold: where it is (steps of keys and array indexes) and its path. */
    record OutOfRange(Object[] steps, String path) {}

    /** What the scan found: NUL characters (each a 400) and numbers beyond numeric. */
    record Findings(List<FieldError> nul, List<OutOfRange> numbers) {

        /**
         * A copy of the tree jsonb can hold: each number beyond numeric replaced by its JSON text as a
         * string (1e131072 becomes "1E+131072"). The tree itself is left as it is.
         */
        JsonNode storableCopy(JsonNode root) {
            JsonNode copy = root.deepCopy();
            for (OutOfRange number : numbers) {
                JsonNode parent = copy;
                Object[] steps = number.steps();
                for (int i = 0; i < steps.length - 1; i++) {
                    parent = steps[i] instanceof String key ? parent.get(key) : parent.get((Integer) steps[i]);
                }
                Object last = steps[steps.length - 1];
                if (last instanceof String key) {
                    ((ObjectNode) parent).set(key, TextNode.valueOf(parent.get(key).asText()));
                } else {
                    int index = (Integer) last;
                    ((ArrayNode) parent).set(index, TextNode.valueOf(parent.get(index).asText()));
                }
            }
            return copy;
        }
    }

    static Findings find(JsonNode root) {
        Walk walk = new Walk();
        walk.visit(root);
        return new Findings(walk.nul == null ? List.of() : walk.nul, walk.numbers == null ? List.of() : walk.numbers);
    }

    /** The path to the current node: at each depth either a key (an object's field) or an array index. */
    private static final class Walk {
        private String[] keys = new String[32];
        private int[] indexes = new int[32];
        private int depth;
        private List<FieldError> nul;
        private List<OutOfRange> numbers;

        void visit(JsonNode node) {
            if (node.isTextual()) {
                if (node.textValue().indexOf(NUL) >= 0) {
                    nul().add(new FieldError(path(depth), MESSAGE));
                }
            } else if (node.isNumber()) {
                if (!fitsNumeric(node)) {
                    numbers().add(new OutOfRange(steps(), path(depth)));
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    push(null, i);
                    visit(node.get(i));
                    depth--;
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (field.getKey().indexOf(NUL) >= 0) {
                        nul().add(new FieldError(path(depth), "a field name " + MESSAGE));
                    } else {
                        push(field.getKey(), -1);
                        visit(field.getValue());
                        depth--;
                    }
                }
            }
        }

        private void push(String key, int index) {
            if (depth == keys.length) {
                keys = Arrays.copyOf(keys, depth * 2);
                indexes = Arrays.copyOf(indexes, depth * 2);
            }
            keys[depth] = key;
            indexes[depth] = index;
            depth++;
        }

        /** The contract's path (a.b[0].c) of the first {@code length} steps; "$" for the root. */
        private String path(int length) {
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < length; i++) {
                if (keys[i] == null) {
                    path.append('[').append(indexes[i]).append(']');
                } else {
                    if (!path.isEmpty()) {
                        path.append('.');
                    }
                    path.append(keys[i]);
                }
            }
            return path.isEmpty() ? "$" : path.toString();
        }

        private Object[] steps() {
            Object[] steps = new Object[depth];
            for (int i = 0; i < depth; i++) {
                steps[i] = keys[i] != null ? keys[i] : Integer.valueOf(indexes[i]);
            }
            return steps;
        }

        private List<FieldError> nul() {
            if (nul == null) {
                nul = new ArrayList<>();
            }
            return nul;
        }

        private List<OutOfRange> numbers() {
            if (numbers == null) {
                numbers = new ArrayList<>();
            }
            return numbers;
        }
    }

    /**
     * Whether PostgreSQL's numeric holds the number as Jackson writes it. Decimals are read as
     * BigDecimal (the parser's USE_BIG_DECIMAL_FOR_FLOATS), so the written text has the same digits and
     * scale: numeric's display scale is the BigDecimal's scale (when positive), and its digits before
     * the point are precision minus scale. Two comparisons for an ordinary number, no allocation.
     */
    static boolean fitsNumeric(JsonNode number) {
        if (number.isBigDecimal()) {
            BigDecimal value = number.decimalValue();
            int scale = value.scale();
            if (scale > MAX_SCALE) {
                return false; // also for zero: PostgreSQL keeps the scale of 0.000...
            }
            if (value.signum() == 0) {
                // 0e1073741823 is zero, but its exponent is refused; 0.00e5 is read as scale -3, so the
                // written exponent is only known to within the digits after the point.
                return -(long) scale + MAX_NUMBER_LENGTH < MAX_EXPONENT;
            }
            // precision() is cheap: the parser reads at most 1,000 digits per number (Jackson's limit)
            return (long) value.precision() - scale <= MAX_INTEGER_DIGITS;
        }
        if (number.isBigInteger()) {
            BigInteger value = number.bigIntegerValue();
            return value.bitLength() < SAFE_BITS || value.abs().toString().length() <= MAX_INTEGER_DIGITS;
        }
        return true; // int and long; a double's range is far inside numeric's
    }
}
