package io.ttgateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.OnVertx;
import io.ttgateway.support.V4Rows;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * While one API's send breaker is open its messages are not claimed, and the other API's are: the
 * claim with a limit per API (SendBreaker.Limits). Each test queues its messages and claims in one
 * transaction, so the running worker never sees them.
 */
@QuarkusTest
class OutboxClaimByApiTest {

    @Inject
    OutboxRepository repository;

    @Inject
    V4Rows v4;

    @Inject
    Db db;

    private final List<UUID> queued = new java.util.ArrayList<>();

    private Uni<Void> queue(UUID id, String businessId) {
        queued.add(id);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into outbound_message (id, business_id, lead_id, text, status, attempts, next_attempt_at,
                                                      created_at, updated_at)
                        values (:id, :business, :lead, 'hi', 'PENDING', 0, now() - interval '100 years', now(), now())""")
                .setParameter("id", id).setParameter("business", businessId).setParameter("lead", Fixtures.newId())
                .executeUpdate()).replaceWithVoid();
    }

    /** Queues one message per business (oldest first) and claims with these limits, in one transaction. */
    private List<UUID> queueAndClaim(List<UUID> ids, List<String> businesses, int legacyLimit, int v4Limit) {
        return OnVertx.await(() -> Panache.withTransaction(() -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (int i = 0; i < ids.size(); i++) {
                UUID id = ids.get(i);
                String business = businesses.get(i);
                all = all.chain(() -> queue(id, business));
            }
            return all.chain(() -> repository.claimDue(UUID.randomUUID(), Duration.ofMinutes(5), 500, legacyLimit,
                    v4Limit));
        })).stream().map(m -> m.id).toList();
    }

    @AfterEach
    void forget() {
        db.rows("delete from outbound_message where id = any($1)", (Object) queued.toArray(new UUID[0]));
    }

    @Test
    void anOpenApisMessagesAreLeftAloneWhileTheOthersAreClaimed() {
        UUID legacy = UUID.randomUUID();
        UUID ofV4 = UUID.randomUUID();
        List<String> businesses = List.of(Fixtures.newId(), v4.connect().businessId());

        List<UUID> claimed = queueAndClaim(List.of(legacy, ofV4), businesses, 500, 0);

        assertThat(claimed).contains(legacy).doesNotContain(ofV4);
        assertThat(db.one("select attempts from outbound_message where id = $1", ofV4).getInteger(0))
                .as("untouched").isZero();
    }

    @Test
    void aV4OnlyClaimLeavesLegacyMessages() {
        UUID legacy = UUID.randomUUID();
        UUID ofV4 = UUID.randomUUID();
        List<String> businesses = List.of(Fixtures.newId(), v4.connect().businessId());

        List<UUID> claimed = queueAndClaim(List.of(legacy, ofV4), businesses, 0, 500);

        assertThat(claimed).contains(ofV4).doesNotContain(legacy);
    }

    @Test
    void aProbeTakesOneMessageOfItsApi() {
        String business = v4.connect().businessId();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        List<UUID> probe = queueAndClaim(List.of(first, second), List.of(business, business), 0, 1);

        assertThat(probe).hasSize(1);
        assertThat(List.of(first, second)).containsAnyElementsOf(probe);
    }
}
