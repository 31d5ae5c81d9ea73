package io.ttgateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.ttgateway.common.ApiError.FieldError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds text PostgreSQL cannot store: the NUL character (valid JSON as \u0000) is refused by both
 * text and jsonb columns, so it must be a 400 naming the field, not a failed insert answered 503.
 */
final class UnstorableText {

    private static final char NUL = '\u0000';
    private static final String MESSAGE = "must not contain the NUL character (\\u0000)";

    private UnstorableText() {}

    static List<FieldError> find(JsonNode root) {
        List<FieldError> errors = new ArrayList<>();
        walk(root, "", errors);
        return errors;
    }

    private static void walk(JsonNode node, String path, List<FieldError> errors) {
        if (node.isTextual()) {
            if (node.textValue().indexOf(NUL) >= 0) {
                errors.add(new FieldError(path.isEmpty() ? "$" : path, MESSAGE));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", errors);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getKey().indexOf(NUL) >= 0) {
                    errors.add(new FieldError(path.isEmpty() ? "$" : path, "a field name " + MESSAGE));
                } else {
                    walk(field.getValue(), child, errors);
                }
            }
        }
    }
}
