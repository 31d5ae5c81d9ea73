package io.ttgateway.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** The reference's sample payloads (src/test/resources/fixtures), as text or as editable JSON. */
public final class Fixtures {

    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();

    private Fixtures() {}

    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode json(String name) {
        try {
            return (ObjectNode) JSON.readTree(text(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An 18-digit ID no other test uses. */
    public static String newId() {
        return String.valueOf(100_000_000_000_000_000L + ThreadLocalRandom.current().nextLong(899_999_999_999_999_999L));
    }

    /** The sample lead with fresh lead and business IDs. */
    public static ObjectNode lead(String leadId, String businessId) {
        ObjectNode lead = json("lead.json");
        lead.put("leadID", leadId);
        ((ObjectNode) lead.get("business")).put("businessID", businessId);
        return lead;
    }

    public static ObjectNode message(String leadId, String messageId) {
        ObjectNode message = json("message.json");
        message.put("leadID", leadId);
        ((ObjectNode) message.get("message")).put("messageID", messageId);
        return message;
    }

    public static ObjectNode review(String reviewId) {
        ObjectNode review = json("review.json");
        ((ObjectNode) review.get("review")).put("reviewID", reviewId);
        return review;
    }
}
