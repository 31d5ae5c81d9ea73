package io.ttgateway.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Query strings never leave in a span: Thumbtack's legacy token endpoint takes the authorization code,
 * the refresh token and the client secret as query parameters, and /oauth/callback receives the code in
 * its query. The HTTP instrumentations put the whole URL or query into these attributes when a span
 * starts; this processor runs then and keeps each parameter's name with its value replaced.
 */
@ApplicationScoped
@Unremovable
public class QueryRedaction implements SpanProcessor {

    static final String REDACTED = "REDACTED";
    /** Attributes holding a URL or request target (with "?query"), and the one holding the bare query. */
    private static final List<AttributeKey<String>> WITH_QUERY = List.of(AttributeKey.stringKey("url.full"),
            AttributeKey.stringKey("http.url"), AttributeKey.stringKey("http.target"));
    private static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");
    private static final Pattern VALUE = Pattern.compile("=[^&#]*");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        for (AttributeKey<String> key : WITH_QUERY) {
            String url = span.getAttribute(key);
            int start = url == null ? -1 : url.indexOf('?');
            if (start >= 0) {
                span.setAttribute(key, url.substring(0, start + 1) + redact(url.substring(start + 1)));
            }
        }
        String query = span.getAttribute(QUERY);
        if (query != null && !query.isEmpty()) {
            span.setAttribute(QUERY, redact(query));
        }
    }

    /** {@code code=abc&state=x} becomes {@code code=REDACTED&state=REDACTED}; a bare name stays. */
    static String redact(String query) {
        return VALUE.matcher(query).replaceAll("=" + REDACTED);
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
