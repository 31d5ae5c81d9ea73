package io.ttgateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.OnVertx;
import io.ttgateway.support.V4Rows;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * While one API's send breaker is open its messages are not claimed, and the other API's are: the
 * claim with a limit per API (SendBreaker.Limits).
 */
@QuarkusTest
class OutboxClaimByApiTest {

    @Inject
    OutboxRepository repository;

    @Inject
    V4Rows v4;

    @Inject
    Db db;

    private UUID queue(String businessId) {
        UUID id = UUID.randomUUID();
        db.rows("insert into outbound_message (id, business_id, lead_id, text, status, attempts, next_attempt_at,"
                + " created_at, updated_at) values ($1, $2, $3, 'hi', 'PENDING', 0, now() - interval '100 years',"
                + " now(), now())", id, businessId, Fixtures.newId());
        return id;
    }

    private List<UUID> claim(int legacyLimit, int v4Limit) {
        return OnVertx.await(() -> Panache.withTransaction(() -> repository.claimDue(UUID.randomUUID(),
                Duration.ofSeconds(1), 500, legacyLimit, v4Limit))).stream().map(m -> m.id).toList();
    }

    @Test
    void aClosedApisMessagesAreClaimedAndAnOpenOnesAreLeftAlone() {
        UUID legacy = queue(Fixtures.newId());
        UUID ofV4 = queue(v4.connect().businessId());

        List<UUID> legacyOnly = claim(500, 0);
        assertThat(legacyOnly).contains(legacy).doesNotContain(ofV4);
        assertThat(db.one("select attempts, lease_owner is null from outbound_message where id = $1", ofV4).getInteger(0))
                .as("untouched").isZero();

        List<UUID> v4Only = claim(0, 500);
        assertThat(v4Only).contains(ofV4);
        forget(legacy, ofV4);
    }

    /** Claimed with a short lease, they would be due again for the next test's claim. */
    private void forget(UUID... ids) {
        db.rows("delete from outbound_message where id = any($1)", (Object) ids);
    }

    @Test
    void aProbeTakesOneMessageOfItsApi() {
        String business = v4.connect().businessId();
        UUID first = queue(business);
        UUID second = queue(business);

        List<UUID> probe = claim(0, 1);

        assertThat(probe).hasSize(1);
        assertThat(List.of(first, second)).containsAnyElementsOf(probe);
        forget(first, second);
    }
}
