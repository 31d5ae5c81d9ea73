package io.ttgateway.leadwatch;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ttgateway.support.Api.partner;
import static io.ttgateway.support.ThumbtackStubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.config.GatewayConfig;
import io.ttgateway.support.Concurrently;
import io.ttgateway.support.Db;
import io.ttgateway.support.Fixtures;
import io.ttgateway.support.InjectWireMock;
import io.ttgateway.support.OnVertx;
import io.ttgateway.support.TestConnections;
import io.ttgateway.support.ThumbtackWireMock;
import io.ttgateway.support.V4Rows;
import io.ttgateway.thumbtackv4.V4Negotiation;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The v4 lead watch: claims across replicas, the watch window, spreading, changes and their event. */
@QuarkusTest
@WithTestResource(value = ThumbtackWireMock.class, scope = TestResourceScope.GLOBAL)
class LeadWatchTest {

    @InjectWireMock
    WireMockServer thumbtack;

    @Inject
    LeadWatchRepository repository;

    @Inject
    LeadChanges changes;

    @Inject
    LeadWatch watch;

    @Inject
    GatewayConfig gateway;

    @Inject
    V4Rows v4;

    @Inject
    Db db;

    private Duration poll() {
        return gateway.v4().leadPoll();
    }

    private Duration watchWindow() {
        return gateway.v4().leadWatch();
    }

    private List<String> dueLeads(String businessId, int count) {
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leads.add(v4.lead(businessId, Instant.now().minus(Duration.ofDays(1)), Instant.now().minusSeconds(5),
                    "$20.00", "Pending", "Open"));
        }
        return leads;
    }

    private long updates(String leadId) {
        return db.count("select count(*) from event where type = 'lead.updated' and lead_id = $1", leadId);
    }

    @Test
    void twoReplicasClaimingAtOnceTakeEachDueLeadOnce() throws Exception {
        List<String> mine = dueLeads(Fixtures.newId(), 40);
        Callable<List<WatchedLead>> claim = () -> repository.claimDue(poll(), watchWindow(), 500).await().indefinitely();

        List<List<WatchedLead>> claims = Concurrently.all(List.of(claim, claim, claim));

        List<String> claimedOfMine = claims.stream().flatMap(List::stream).map(WatchedLead::leadId)
                .filter(mine::contains).toList();
        assertThat(claimedOfMine).hasSize(40).doesNotHaveDuplicates();
        // Claimed means moved ahead: a further claim finds none of them due.
        assertThat(repository.claimDue(poll(), watchWindow(), 500).await().indefinitely().stream()
                .map(WatchedLead::leadId).filter(mine::contains)).isEmpty();
    }

    @Test
    void leadsOlderThanTheWatchAndLegacyLeadsAreNotReadAndOldOnesLeaveTheIndex() {
        String business = Fixtures.newId();
        String old = v4.lead(business, Instant.now().minus(watchWindow()).minusSeconds(60), Instant.now().minusSeconds(5),
                "$20.00", "Pending", "Open");
        String legacy = v4.lead(business, Instant.now(), Instant.now().minusSeconds(5), "$20.00", "Pending", null);
        db.rows("update lead set api_version = 'legacy' where lead_id = $1", legacy);

        repository.retire(watchWindow(), 1000).await().indefinitely();
        List<String> claimed = repository.claimDue(poll(), watchWindow(), 500).await().indefinitely().stream()
                .map(WatchedLead::leadId).toList();

        assertThat(claimed).doesNotContain(old, legacy);
        assertThat(db.one("select next_poll_at from lead where lead_id = $1", old).getValue(0)).isNull();
    }

    @Test
    void aLeadReadOnTimeKeepsItsPhaseAndABacklogIsSpreadOverTheInterval() {
        String business = Fixtures.newId();
        String onTime = v4.lead(business, Instant.now(), Instant.now().minusSeconds(1), "$20.00", "Pending", "Open");
        List<String> backlog = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            backlog.add(v4.lead(business, Instant.now(), Instant.now().minus(Duration.ofHours(3)), "$20.00", "Pending",
                    "Open"));
        }
        Instant before = db.one("select next_poll_at from lead where lead_id = $1", onTime)
                .getOffsetDateTime(0).toInstant();

        repository.claimDue(poll(), watchWindow(), 1000).await().indefinitely();

        assertThat(db.one("select next_poll_at from lead where lead_id = $1", onTime).getOffsetDateTime(0).toInstant())
                .isEqualTo(before.plus(poll()));
        List<Row> spread = db.rows("select extract(epoch from next_poll_at - now()) from lead where lead_id = any($1)",
                (Object) backlog.toArray(new String[0]));
        List<Double> inSeconds = spread.stream().map(row -> row.getDouble(0)).toList();
        double pollSeconds = poll().toSeconds();
        assertThat(inSeconds).allMatch(s -> s >= pollSeconds / 2 - 5 && s <= pollSeconds + 1);
        Set<Long> minutes = inSeconds.stream().map(s -> (long) (s / 60)).collect(Collectors.toCollection(HashSet::new));
        assertThat(minutes).as("30 leads over half of a 15-minute interval fall into several minutes").hasSizeGreaterThan(3);
    }

    @Test
    void aChangedPriceOrChargeStateIsStoredOnceWithOneLeadUpdated() {
        String business = Fixtures.newId();
        String lead = v4.lead(business, Instant.now(), null, "$20.00", "Pending", "Open");

        assertThat(changes.apply(lead, new V4Negotiation(lead, null, "Open", "Charged", "$25.00"))
                .await().indefinitely()).isTrue();
        // The same answer again (the next poll, or a sync racing it): nothing changes.
        assertThat(changes.apply(lead, new V4Negotiation(lead, null, "Open", "Charged", "$25.00"))
                .await().indefinitely()).isFalse();

        Row stored = db.one("select lead_price, charge_state, status from lead where lead_id = $1", lead);
        assertThat(stored.getString(0)).isEqualTo("$25.00");
        assertThat(stored.getString(1)).isEqualTo("Charged");
        assertThat(updates(lead)).isEqualTo(1);
        Row event = db.one("select business_id, data->>'leadID', data->>'leadPrice', data->>'chargeState',"
                + " data->>'status' from event where type = 'lead.updated' and lead_id = $1", lead);
        assertThat(event.getString(0)).isEqualTo(business);
        assertThat(List.of(event.getString(1), event.getString(2), event.getString(3), event.getString(4)))
                .containsExactly(lead, "$25.00", "Charged", "Open");
        assertThat(db.count("select count(*) from lead_update where lead_id = $1 and status = 'Open'"
                + " and lead_price = '$25.00' and applied_at is not null", lead)).isEqualTo(1);
    }

    @Test
    void anUnchangedLeadOrAnAnswerWithoutTheFieldsAnnouncesNothing() {
        String lead = v4.lead(Fixtures.newId(), Instant.now(), null, "$20.00", "Pending", "Open");

        assertThat(changes.apply(lead, new V4Negotiation(lead, null, "Open", "Pending", "$20.00"))
                .await().indefinitely()).isFalse();
        assertThat(changes.apply(lead, new V4Negotiation(lead, null, null, null, null)).await().indefinitely()).isFalse();

        assertThat(updates(lead)).isZero();
        assertThat(db.count("select count(*) from lead_update where lead_id = $1", lead)).isZero();
    }

    @Test
    void aStatusChangeAloneIsAChange() {
        String lead = v4.lead(Fixtures.newId(), Instant.now(), null, "$20.00", "Charged", "Open");
        assertThat(changes.apply(lead, new V4Negotiation(lead, null, "Canceled", null, null)).await().indefinitely())
                .isTrue();
        partner().get("/api/v1/leads/" + lead).then().statusCode(200)
                .body("status", equalTo("Canceled")).body("apiVersion", equalTo("v4"))
                .body("leadPrice", equalTo("$20.00"));
    }

    // --- With Thumbtack (these read the grant's token through ConnectionService) ---------------------

    /** Other tests' v4 leads due now would take this run's batch: they are read a day later instead. */
    private void parkOtherDueLeads(List<String> mine) {
        db.rows("update lead set next_poll_at = now() + interval '1 day' where next_poll_at <= now()"
                + " and lead_id <> all($1)", (Object) mine.toArray(new String[0]));
    }

    private static String negotiation(String leadId, String price, String chargeState, String status) {
        return "{\"negotiationID\":\"" + leadId + "\",\"createdAt\":\"2026-12-03T10:00:00Z\",\"status\":\"" + status
                + "\",\"chargeState\":\"" + chargeState + "\",\"leadPrice\":\"" + price + "\"}";
    }

    @Test
    void twoRunsAtOnceReadEachLeadOnceAndAnnounceEachChangeOnce() throws Exception {
        V4Rows.V4Business pro = v4.connect();
        List<String> leads = dueLeads(pro.businessId(), 6);
        for (String lead : leads) {
            thumbtack.stubFor(get(urlPathEqualTo("/api/v4/negotiations/" + lead))
                    .willReturn(json(200, negotiation(lead, "$30.00", "Charged", "Open"))));
        }
        parkOtherDueLeads(leads);

        Concurrently.all(List.of(() -> OnVertx.await(watch::runOnce), () -> OnVertx.await(watch::runOnce)));

        for (String lead : leads) {
            thumbtack.verify(1, getRequestedFor(urlPathEqualTo("/api/v4/negotiations/" + lead))
                    .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                            "Bearer " + pro.accessToken())));
            assertThat(updates(lead)).isEqualTo(1);
        }
    }

    @Test
    void a429StopsTheRunAndPostponesTheRest() {
        V4Rows.V4Business pro = v4.connect();
        String first = v4.lead(pro.businessId(), Instant.now(), Instant.now().minus(Duration.ofDays(2)), "$20.00",
                "Pending", "Open");
        String second = v4.lead(pro.businessId(), Instant.now(), Instant.now().minus(Duration.ofDays(1)), "$20.00",
                "Pending", "Open");
        thumbtack.stubFor(get(urlPathEqualTo("/api/v4/negotiations/" + first))
                .willReturn(json(429, "{\"title\":\"Too Many Requests\"}").withHeader("Retry-After", "2")));
        thumbtack.stubFor(get(urlPathEqualTo("/api/v4/negotiations/" + second))
                .willReturn(json(200, negotiation(second, "$30.00", "Charged", "Open"))));
        parkOtherDueLeads(List.of(first, second));

        OnVertx.await(watch::runOnce);

        thumbtack.verify(1, getRequestedFor(urlPathEqualTo("/api/v4/negotiations/" + first)));
        thumbtack.verify(0, getRequestedFor(urlPathEqualTo("/api/v4/negotiations/" + second)));
        assertThat(db.count("select count(*) from lead where lead_id = $1 and next_poll_at > now()", second)).isEqualTo(1);
        // Paused: a run right after reads nothing.
        assertThat(OnVertx.await(watch::runOnce)).isZero();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            OnVertx.await(watch::runOnce);
            return updates(second) == 1;
        });
    }

    @Test
    void syncReadsOneV4LeadNow() {
        V4Rows.V4Business pro = v4.connect();
        String lead = v4.lead(pro.businessId(), Instant.now(), null, "$20.00", "Pending", "Open");
        thumbtack.stubFor(get(urlPathEqualTo("/api/v4/negotiations/" + lead))
                .willReturn(json(200, negotiation(lead, "$22.00", "Charged", "Picked"))));

        partner().post("/api/v1/leads/" + lead + "/sync").then().statusCode(200)
                .body("leadId", equalTo(lead)).body("leadPrice", equalTo("$22.00"))
                .body("chargeState", equalTo("Charged")).body("status", equalTo("Picked"));
        assertThat(updates(lead)).isEqualTo(1);
    }

    @Test
    void syncOfAnUnknownLeadIs404AndOfALegacyLead409() {
        partner().post("/api/v1/leads/" + Fixtures.newId() + "/sync").then().statusCode(404);
        TestConnections.Connected legacy = TestConnections.connect();
        String lead = v4.lead(legacy.businessPk(), Instant.now(), null, "$20.00", "Pending", null);
        db.rows("update lead set api_version = 'legacy' where lead_id = $1", lead);
        partner().post("/api/v1/leads/" + lead + "/sync").then().statusCode(409);
        partner().get("/api/v1/leads/" + lead).then().statusCode(200).body("apiVersion", equalTo("legacy"));
    }
}
