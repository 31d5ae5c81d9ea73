package io.ttgateway.thumbtackv4;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * GET /api/v4/businesses/{b}/reviews: the reviews as JSON (they are stored raw beside their parsed
 * columns, as webhook reviews are) and the pagination ({"limit", "offset", "next"}).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record V4ReviewPage(List<JsonNode> data, JsonNode pagination) {

    public V4ReviewPage {
        data = data == null ? List.of() : List.copyOf(data);
    }

    /** Whether Thumbtack says a further page exists (a "next" that is neither absent, null nor empty). */
    public boolean hasNext() {
        if (pagination == null) {
            return false;
        }
        JsonNode next = pagination.get("next");
        return next != null && !next.isNull() && !next.asText().isBlank() && !"false".equals(next.asText());
    }
}
