package io.ttgateway.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.common.AttachmentView;
import io.ttgateway.support.Db;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class LeadPartsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Db db;
    private static final String ODD = "say \"hi\"\\ \t\n\u0001 caf\u00e9 \uD83D\uDEB0 </script>";

    static Stream<LeadParts> parts() {
        return Stream.of(
                new LeadParts(List.of(), List.of()),
                new LeadParts(List.of(new LeadView.Detail("Type of property", "Home"),
                        new LeadView.Detail("Number of rooms", "4 rooms")),
                        List.of(new AttachmentView("door.jpg", 1139, "image/jpeg", "https://example.test/door.jpg", null))),
                new LeadParts(List.of(new LeadView.Detail(ODD, ""), new LeadView.Detail("", ODD)),
                        List.of(new AttachmentView(ODD, Long.MAX_VALUE, ODD, ODD, ODD),
                                new AttachmentView("", 0, "", "", ""),
                                new AttachmentView("plan.pdf", -1, "application/pdf", "u", "the plan"))));
    }

    /** What is written reads back as the same values, in the same order. */
    @ParameterizedTest
    @MethodSource("parts")
    void readsBackWhatItWrites(LeadParts parts) {
        assertThat(LeadParts.read(parts.detailsJson(), parts.attachmentsJson())).isEqualTo(parts);
    }

    /**
     * The columns hold the API's own shapes (LeadView.Detail, AttachmentView as Jackson writes them), so
     * that anything that reads the API can read the columns.
     */
    @ParameterizedTest
    @MethodSource("parts")
    void writesTheApisShapes(LeadParts parts) throws Exception {
        assertThat(JSON.readTree(parts.detailsJson()))
                .isEqualTo(JSON.readTree(JSON.writeValueAsString(parts.details())));
        assertThat(JSON.readTree(parts.attachmentsJson()))
                .isEqualTo(JSON.readTree(JSON.writeValueAsString(parts.attachments())));
    }

    /** Stored as jsonb and given back as PostgreSQL writes it (keys reordered, spaces added), it reads the same. */
    @ParameterizedTest
    @MethodSource("parts")
    void readsBackWhatPostgresqlGivesBack(LeadParts parts) {
        Row stored = db.one("select $1::text::jsonb::text, $2::text::jsonb::text", parts.detailsJson(), parts.attachmentsJson());

        assertThat(LeadParts.read(stored.getString(0), stored.getString(1))).isEqualTo(parts);
    }

    @Test
    void aMissingColumnIsNoPartsAndAMalformedOneFails() {
        assertThat(LeadParts.read("[{\"question\": \"q\", \"answer\": \"a\"}]", null))
                .isEqualTo(new LeadParts(List.of(new LeadView.Detail("q", "a")), List.of()));
        for (String malformed : List.of("{}", "[1]", "[{\"fileName\": \"f\"}]", "[{\"fileSize\": 1.5}]", "[] []")) {
            assertThatThrownBy(() -> LeadParts.read("[]", malformed)).as(malformed)
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
