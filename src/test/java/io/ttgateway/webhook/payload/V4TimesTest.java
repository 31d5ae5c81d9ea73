package io.ttgateway.webhook.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ttgateway.common.InvalidInputException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** v4 times: Thumbtack's UTC shape read by hand, everything else by the general parser, with one answer. */
class V4TimesTest {

    @ParameterizedTest
    @CsvSource({
            "2026-08-16T17:13:05Z, 2026-08-16T17:13:05Z",
            "2026-08-16T17:13:05.250Z, 2026-08-16T17:13:05.250Z",
            "2026-08-16T19:13:05+02:00, 2026-08-16T17:13:05Z",
            "2024-02-29T23:59:59Z, 2024-02-29T23:59:59Z",
            "0000-01-01T00:00:00Z, 0000-01-01T00:00:00Z"})
    void readsRfc3339Times(String text, String instant) {
        assertThat(V4Times.parse(text, "data.createdAt")).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T10:00:00Z", "2026-08-16T24:00:00Z", "2026-08-16T17:60:05Z",
            "2026-08-16T17:13:60Z", "2026-13-16T17:13:05Z", "2026-08-16 17:13:05Z", "2026-08-16T17:13:05",
            "2026-08-١٦T17:13:05Z", "2026-08-16T17:13:0xZ", "yesterday"})
    void refusesWhatIsNoTimeNamingTheField(String text) {
        assertThatThrownBy(() -> V4Times.parse(text, "data.createdAt"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.details()).singleElement()
                                .satisfies(f -> assertThat(f.field()).isEqualTo("data.createdAt")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void anAbsentTimeIsNull(String text) {
        assertThat(V4Times.parse(text, "data.createdAt")).isNull();
        assertThat(V4Times.parse(null, "data.createdAt")).isNull();
    }

    /**
     * Texts of the UTC shape with random digits, many of them days or times that do not exist: the
     * hand reader either declines (the general parser then decides) or gives the general parser's instant,
     * and it declines nothing the general parser reads.
     */
    @Test
    void theHandReaderAgreesWithTheGeneralParser() {
        Random random = new Random(20261204);
        int read = 0;
        for (int i = 0; i < 50_000; i++) {
            String text = "%04d-%02d-%02dT%02d:%02d:%02dZ".formatted(random.nextInt(10_000), random.nextInt(14),
                    random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62));
            Instant general;
            try {
                general = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                general = null;
            }
            assertThat(V4Times.utcSeconds(text)).as(text).isEqualTo(general);
            read += general == null ? 0 : 1;
        }
        assertThat(read).as("valid texts among the random ones").isGreaterThan(10_000);
    }
}
