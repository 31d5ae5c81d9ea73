package io.ttgateway.leadwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.GenericPlan;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every replica runs the watch's statements every few seconds, so each must find the watched leads through
 * the poll index, never by reading every lead: with a lead table of a few hundred thousand rows and no
 * statistics yet, one such scan took half a second of the database's CPU.
 */
@QuarkusTest
class LeadWatchPlanTest {

    /** Legacy leads: none is watched (no next_poll_at), so no statement of the watch needs to read them. */
    private static final String LEGACY_LEADS = """
            insert into lead (lead_id, business_id, raw)
            select 'plan-' || g, '286845156044809661', '{"leadID": "x"}' from generate_series(1, 20000) g""";

    static Stream<Arguments> statements() {
        return Stream.of(
                Arguments.of("claim", LeadWatchRepository.CLAIM, new String[] {"600000", "86400000", "100"}),
                Arguments.of("retire", LeadWatchRepository.RETIRE, new String[] {"86400000", "100"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statements")
    void readsOnlyTheWatchedLeadsThroughThePollIndex(String name, String sql, String[] args) throws Exception {
        assertThat(GenericPlan.scans("lead", LEGACY_LEADS, sql, args))
                .noneMatch(scan -> scan.startsWith("Seq Scan"))
                .anyMatch(scan -> scan.contains("where (next_poll_at <= now())"));
    }
}
