package io.ttgateway.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Paged reads' limit and opaque cursors: each bad value refused with its query parameter named. */
class CursorsTest {

    @Test
    void noLimitIsTheFallback() {
        assertThat(Cursors.limit(null, 50, 200)).isEqualTo(50);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 200})
    void aLimitFromOneToTheMaximumIsKept(int requested) {
        assertThat(Cursors.limit(requested, 50, 200)).isEqualTo(requested);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 201, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void aLimitOutsideOneToTheMaximumIsRefusedNamingLimit(int requested) {
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> Cursors.limit(requested, 50, 200));

        assertThat(refused.details()).containsExactly(new ApiError.FieldError("limit", "must be between 1 and 200"));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 62, 63, 123_456_789, Long.MAX_VALUE - 1})
    void aCursorDecodesToTheIdItWasMadeFrom(long id) {
        String cursor = Cursors.encode("lead", id);

        assertThat(cursor).as("opaque and URL-safe, without padding").matches("[A-Za-z0-9_-]+").doesNotContain("lead");
        assertThat(Cursors.decode("lead", cursor)).isEqualTo(id);
        assertThat(Cursors.decode("lead", "  " + cursor + "\n")).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void noCursorIsTheFirstPage(String cursor) {
        assertThat(Cursors.decode("lead", cursor)).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"review:5", "leads:5", "lead5", "lead:", "lead:five", "lead:5.0", "lead:99999999999999999999"})
    void aCursorOfAnotherKindOrWithoutAnIdIsRefusedNamingCursor(String content) {
        assertRefused(Base64.getUrlEncoder().withoutPadding().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a cursor", "%%%", "bGVhZDo1=x"})
    void textThatIsNoBase64IsRefusedNamingCursor(String cursor) {
        assertRefused(cursor);
    }

    private static void assertRefused(String cursor) {
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> Cursors.decode("lead", cursor));

        assertThat(refused.details()).containsExactly(
                new ApiError.FieldError("cursor", "is not a cursor this endpoint handed out"));
    }
}
