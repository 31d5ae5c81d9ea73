package io.ttgateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.OnVertx;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Leases and due times are compared with the database's clock (by every replica), so they are computed
 * with it too: a replica whose clock is off would otherwise lease too short or too long.
 */
@QuarkusTest
class OutboxClockTest {

    @Inject
    OutboxRepository repository;

    @Inject
    OutboxConfig config;

    @Inject
    Db db;

    @Test
    void aClaimsLeaseIsTheDatabasesNowPlusTheLease() {
        UUID id = UUID.randomUUID();
        // Due long ago: first in line, so the claim of one row takes this one.
        db.rows("insert into outbound_message (id, business_id, lead_id, text, status, attempts, next_attempt_at,"
                + " created_at, updated_at) values ($1, $2, $3, 'hello', 'PENDING', 0, now() - interval '100 years',"
                + " now(), now())", id, Fixtures.newId(), Fixtures.newId());
        UUID owner = UUID.randomUUID();
        try {
            Boolean byDatabaseClock = OnVertx.await(() -> Panache.withTransaction(() ->
                repository.claimDue(owner, config.lease(), 1)
                        .invoke(claimed -> assertThat(claimed).extracting(m -> m.id).containsExactly(id))
                        .chain(claimed -> Panache.getSession().chain(session -> session.createNativeQuery(
                                "select lease_until = now() + make_interval(secs => :lease) and updated_at = now()"
                                        + " from outbound_message where id = :id", Boolean.class)
                                .setParameter("lease", (double) config.lease().toSeconds())
                                .setParameter("id", id)
                                .getSingleResult()))));
            assertThat(byDatabaseClock).as("lease_until = now() + lease and updated_at = now() of the claiming transaction")
                    .isTrue();
        } finally {
            db.rows("delete from outbound_message where id = $1", id);
        }
    }

    @Test
    void aRowLeasedByTheDatabaseClockIsNotClaimedBeforeItsLeaseEnds() {
        UUID id = UUID.randomUUID();
        db.rows("insert into outbound_message (id, business_id, lead_id, text, status, attempts, next_attempt_at,"
                + " lease_owner, lease_until, created_at, updated_at) values ($1, $2, $3, 'hello', 'PENDING', 1,"
                + " now() - interval '100 years', $4, now() + interval '1 hour', now(), now())",
                id, Fixtures.newId(), Fixtures.newId(), UUID.randomUUID());
        try {
            List<OutboundMessage> claimed = OnVertx.await(() -> Panache.withTransaction(() ->
                    repository.claimDue(UUID.randomUUID(), config.lease(), 1)));
            assertThat(claimed).extracting(m -> m.id).doesNotContain(id);
        } finally {
            db.rows("delete from outbound_message where id = $1", id);
        }
    }
}
