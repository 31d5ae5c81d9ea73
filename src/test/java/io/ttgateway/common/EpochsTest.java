package io.ttgateway.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

/** Thumbtack's digit strings: seconds for leads and messages, milliseconds for reviews. */
class EpochsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1498668060, 2017-06-28T16:41:00Z",
            "0, 1970-01-01T00:00:00Z",
            "99999999999, 5138-11-16T09:46:39Z",
            "100000000000, 1973-03-03T09:46:40Z",
            "1498668060123, 2017-06-28T16:41:00.123Z"})
    void secondsUpToTheLargestPlausibleValueThenMilliseconds(String digits, String expected) {
        assertThat(Epochs.toInstant(digits)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void noDigitsIsNoInstant(String digits) {
        assertThat(Epochs.toInstant(digits)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"yesterday", "12.5", "99999999999999999999"})
    void somethingThatIsNotALongIsRefused(String digits) {
        assertThatThrownBy(() -> Epochs.toInstant(digits)).isInstanceOf(NumberFormatException.class);
    }
}
