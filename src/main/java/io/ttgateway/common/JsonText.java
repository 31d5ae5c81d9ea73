package io.ttgateway.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * JSON written straight to text with Jackson's generator, for the texts written once per stored webhook:
 * no tree of nodes first, and no reflection in the native image.
 */
public final class JsonText {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonText() {
    }

    /** What a writer puts into the generator. */
    @FunctionalInterface
    public interface Writing {
        void to(JsonGenerator json) throws IOException;
    }

    /** The text {@code writing} produces; {@code expectedLength} sizes the buffer (it grows as needed). */
    public static String write(int expectedLength, Writing writing) {
        StringWriter text = new StringWriter(expectedLength);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            writing.to(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }
}
