package io.ttgateway.thumbtackv4;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.OptionalInt;

/** GET /api/v4/businesses: {"data": [...], "pagination": {"limit": 20}} (one page of the user's businesses). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record V4Businesses(List<V4Business> data, JsonNode pagination) {

    public V4Businesses {
        data = data == null ? List.of() : List.copyOf(data);
    }

    /** The page size Thumbtack answered with ({@code pagination.limit}), when it named a positive one. */
    public OptionalInt limit() {
        JsonNode limit = pagination == null ? null : pagination.get("limit");
        return limit != null && limit.canConvertToInt() && limit.asInt() > 0 ? OptionalInt.of(limit.asInt())
                : OptionalInt.empty();
    }

    /**
     * Whether a further page may exist. The reference documents only {@code {"limit": 20}} for this
     * list, while the reviews list pages with {@code limit}, {@code offset} and {@code next}. Read here:
     * a {@code next} that Thumbtack sends decides (present and not null, empty or "false": more); without
     * one, a full page ({@code data} as long as the limit) means there may be more.
     */
    public boolean mayHaveMore() {
        JsonNode next = pagination == null ? null : pagination.get("next");
        if (next != null) {
            return !next.isNull() && !next.asText().isBlank() && !"false".equals(next.asText());
        }
        return limit().isPresent() && data.size() >= limit().getAsInt();
    }
}
