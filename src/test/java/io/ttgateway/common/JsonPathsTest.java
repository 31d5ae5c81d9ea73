package io.ttgateway.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON path of a failure, as the contract's {"details": [{"field": ...}]} names it. */
class JsonPathsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Attachment(long fileSize) {}

    record Request(List<Attachment> attachments) {}

    record Lead(Request request) {}

    @Test
    void aMappingFailureDeepInsideIsNamedWithDotsAndIndexes() {
        JsonMappingException failure = catchThrowableOfType(JsonMappingException.class, () -> JSON.readValue(
                "{\"request\":{\"attachments\":[{\"fileSize\":1},{\"fileSize\":\"big\"}]}}", Lead.class));

        assertThat(JsonPaths.of(failure)).isEqualTo("request.attachments[1].fileSize");
    }

    @Test
    void aFailureOfTheWholeBodyIsTheRoot() {
        JsonMappingException failure = catchThrowableOfType(JsonMappingException.class,
                () -> JSON.readValue("[]", Lead.class));

        assertThat(JsonPaths.of(failure)).isEqualTo("$");
    }

    /** Reads tokens up to the n-th value token and names where the parser stands. */
    @ParameterizedTest(name = "{0}, value {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"a\":{\"b\":[1,{\"c\":2}]}}|1|a.b[0]",
            "{\"a\":{\"b\":[1,{\"c\":2}]}}|2|a.b[1].c",
            "{\"x\":1}|1|x",
            "[true]|1|[0]"})
    void theParsersPositionIsNamed(String json, int valueNumber, String expected) throws Exception {
        try (JsonParser parser = JSON.getFactory().createParser(json)) {
            int values = 0;
            while (values < valueNumber) {
                JsonToken token = parser.nextToken();
                if (token != null && token.isScalarValue()) {
                    values++;
                }
            }
            assertThat(JsonPaths.of(parser)).isEqualTo(expected);
        }
    }

    @Test
    void aParserAtTheRootIsTheRoot() throws Exception {
        try (JsonParser parser = JSON.getFactory().createParser("7")) {
            parser.nextToken();
            assertThat(JsonPaths.of(parser)).isEqualTo("$");
        }
    }
}
