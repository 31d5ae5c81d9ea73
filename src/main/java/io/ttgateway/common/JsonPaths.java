package io.ttgateway.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;

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

    /** The path of the value a parser stands on (for read errors that carry no mapping path). */
    public static String of(JsonParser parser) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext ctx = parser.getParsingContext(); ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
            chain.push(ctx);
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext ctx : chain) {
            if (ctx.inArray()) {
                path.append('[').append(Math.max(ctx.getCurrentIndex(), 0)).append(']');
            } else if (ctx.getCurrentName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ctx.getCurrentName());
            }
        }
        return path.isEmpty() ? "$" : path.toString();
    }
}
