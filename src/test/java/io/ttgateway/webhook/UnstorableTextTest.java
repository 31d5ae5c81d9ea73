package io.ttgateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ttgateway.common.ApiError.FieldError;
import io.ttgateway.support.Fixtures;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The scan of a webhook body for values PostgreSQL cannot store as they are (no Quarkus needed). */
class UnstorableTextTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /**
     * A body nested 400 deep with a 2,000-character key at each level: every value is fine, so no
     * path string may be built. Built eagerly, the paths of this tree alone are 400 x 200 x 2,000
     * characters (160 MB of strings).
     */
    @Test
    void aDeepBodyWithLongKeysAndNothingWrongAllocatesNoPaths() {
        ObjectNode root = NODES.objectNode();
        ObjectNode level = root;
        String key = "k".repeat(2_000);
        for (int depth = 0; depth < 400; depth++) {
            level.put("v", "fine").put("n", 12.5);
            ArrayNode list = level.putArray("list");
            list.add("a").add(1).add(NODES.objectNode().put("x", "y"));
            level = level.putObject(key + depth);
        }
        UnstorableText.find(root); // warm up (class loading, JIT of the walk)

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        UnstorableText.find(root);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

        assertThat(allocated).as("bytes allocated scanning a clean deep body").isLessThan(256 * 1024);
    }

    @Test
    void aNulIsNamedByItsPathBuiltOnlyForIt() {
        JsonNode body = json("{\"a\": {\"b\": [0, {\"c\": \"x\\u0000y\"}], \"d\": \"ok\"}, \"e\\u0000\": 1}");

        assertThat(UnstorableText.find(body).nul()).containsExactly(
                new FieldError("a.b[1].c", "must not contain the NUL character (\\u0000)"),
                new FieldError("$", "a field name must not contain the NUL character (\\u0000)"));
    }

    @Test
    void numbersBeyondPostgresqlNumericAreFoundWithTheirPaths() {
        JsonNode body = json("{\"ok\": [1e131071, -1e131071, 1e-16383, 0e999999, 12345678901234567890123,"
                + " 1.5], \"big\": 1e131072, \"nested\": {\"list\": [1, {\"neg\": -1e131072}], \"tiny\": 1e-16384,"
                + " \"zeroScale\": 0.0e-99999, \"zeroExponent\": 0e1073741823, \"zeroBelowLimit\": 0e1073740000}}");

        assertThat(UnstorableText.find(body).numbers()).extracting(UnstorableText.OutOfRange::path)
                .containsExactly("big", "nested.list[1].neg", "nested.tiny", "nested.zeroScale", "nested.zeroExponent");
    }

    @Test
    void anIntegerWithMoreDigitsThanNumericHoldsIsFound() {
        ObjectNode body = NODES.objectNode();
        body.put("fits", new BigInteger("9".repeat(131_072)));
        body.put("over", new BigInteger("1" + "0".repeat(131_072)));
        body.put("decimalFits", new BigDecimal("9".repeat(131_072) + ".5"));

        assertThat(UnstorableText.find(body).numbers()).extracting(UnstorableText.OutOfRange::path)
                .containsExactly("over");
    }

    @Test
    void theStorableCopyHoldsEachOutOfRangeNumberAsItsTextAndLeavesTheBodyAlone() {
        JsonNode body = json("{\"big\": 1e131072, \"keep\": 1.50, \"nested\": {\"list\": [{\"neg\": -1e131072}]}}");

        UnstorableText.Findings findings = UnstorableText.find(body);
        JsonNode copy = findings.storableCopy(body);

        assertThat(copy.toString())
                .isEqualTo("{\"big\":\"1E+131072\",\"keep\":1.50,\"nested\":{\"list\":[{\"neg\":\"-1E+131072\"}]}}");
        assertThat(body.get("big").isNumber()).isTrue();
    }

    private static JsonNode json(String text) {
        try {
            return Fixtures.JSON.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .without(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                    .readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
