package io.ttgateway.thumbtack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Thumbtack's error text, shortened and with every secret of the call taken out. */
class ThumbtackMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everySecretIsRedactedWhereverItStands() {
        String text = "refresh token abc123def refused for client c2VjcmV0 (abc123def)";

        assertThat(ThumbtackMessages.redact(text, List.of("abc123def", "c2VjcmV0")))
                .isEqualTo("refresh token [redacted] refused for client [redacted] ([redacted])");
    }

    @Test
    void secretsTooShortToBeMeaningfulAndNullsAreLeftAlone() {
        assertThat(ThumbtackMessages.redact("a b c", Arrays.asList("a", null, "")))
                .isEqualTo("a b c");
    }

    @Test
    void aSecretIsRedactedBeforeTheMessageIsShortened() {
        String secret = "s3cr3t-" + "z".repeat(40);
        String body = "{\"error_description\":\"" + "x".repeat(280) + secret + "\"}";

        String message = ThumbtackMessages.fromBody(JSON, new Reply(400, body), List.of(secret));

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
        assertThat(ThumbtackMessages.fromBody(JSON, new Reply(400, body), List.of())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"error\":\"invalid_grant\"}|invalid_grant",
            "{\"error\":\"Not A Code\"}|",
            "{\"error\":{\"message\":\"x\"}}|",
            "not json|"})
    void onlyAnOAuthErrorCodeIsAnErrorCode(String body, String expected) {
        assertThat(ThumbtackMessages.errorCode(JSON, new Reply(400, body))).isEqualTo(expected);
    }
}
