package io.ttgateway.common;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Turns Jackson's location of a failure into the JSON path the contract names (a.b[0].c). */
public final class JsonPaths {

    private JsonPaths() {}

    public static String of(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.isEmpty() ? "$" : path.toString();
    }
}
