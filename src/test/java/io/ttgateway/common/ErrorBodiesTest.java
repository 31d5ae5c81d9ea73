package io.ttgateway.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Thumbtack's error text (either API), shortened and with every secret of the call taken out. */
class ErrorBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LEGACY = List.of("error_description", "message", "error", "status");
    private static final List<String> V4 = List.of("detail", "error_description", "title", "message", "error");

    @Test
    void everySecretIsRedactedWhereverItStands() {
        String text = "refresh token abc123def refused for client c2VjcmV0 (abc123def)";

        assertThat(ErrorBodies.redact(text, List.of("abc123def", "c2VjcmV0")))
                .isEqualTo("refresh token [redacted] refused for client [redacted] ([redacted])");
    }

    @Test
    void secretsTooShortToBeMeaningfulAndNullsAreLeftAlone() {
        assertThat(ErrorBodies.redact("a b c", Arrays.asList("a", null, "")))
                .isEqualTo("a b c");
    }

    @Test
    void aSecretIsRedactedBeforeTheMessageIsShortened() {
        String secret = "s3cr3t-" + "z".repeat(40);
        String body = "{\"error_description\":\"" + "x".repeat(280) + secret + "\"}";

        String message = ErrorBodies.message(JSON, 400, body, List.of(secret), LEGACY);

        assertThat(message).doesNotContain("s3cr3t").doesNotContain("zzzz");
        assertThat(message.length()).isLessThanOrEqualTo(303);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"error_description\":\"bad code\",\"error\":\"invalid_grant\"}|bad code",
            "{\"message\":\"no such lead\"}|no such lead",
            "{\"error\":{\"message\":\"nested\"}}|nested",
            "plain words|plain words",
            "<html>502</html>|HTTP 400",
            "''|HTTP 400"})
    void theMessageIsThumbtacksOwnOrTheStatus(String body, String expected) {
        assertThat(ErrorBodies.message(JSON, 400, body, List.of(), LEGACY)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"error\":\"invalid_grant\"}|invalid_grant",
            "{\"error\":\"Not A Code\"}|",
            "{\"error\":{\"message\":\"x\"}}|",
            "not json|"})
    void onlyAnOAuthErrorCodeIsAnErrorCode(String body, String expected) {
        assertThat(ErrorBodies.oauthError(JSON, body)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"detail\":\"no negotiation 42\"}|no negotiation 42",
            "{\"title\":\"Forbidden\",\"detail\":\"  \"}|Forbidden",
            "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token expired\"}|refresh token expired",
            "{\"status\":503}|{\"status\":503}",
            "''|HTTP 400"})
    void aV4ProblemGivesItsDetailThenItsTitle(String body, String expected) {
        assertThat(ErrorBodies.message(JSON, 400, body, List.of(), V4)).isEqualTo(expected);
    }
}
