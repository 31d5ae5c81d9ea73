package io.ttgateway.connection;

import static io.ttgateway.support.ThumbtackStubs.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.ttgateway.support.Concurrently;
import io.ttgateway.support.OnVertx;
import io.ttgateway.support.TestConnections;
import io.ttgateway.support.TestConnections.Connected;
import io.ttgateway.support.ThumbtackStubs;
import io.ttgateway.support.ThumbtackTestBase;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * A caller whose token Thumbtack refused asks for a new one. If another caller (a message, the job,
 * another replica) replaced the token after this caller read it, the pair must not be rotated again.
 */
@QuarkusTest
class ReplaceRefusedTokenTest extends ThumbtackTestBase {

    @Inject
    ConnectionService service;

    @Test
    void aTokenReplacedByAnotherRefreshAfterTheCallerReadItIsUsedWithoutASecondRefresh() {
        Connected c = TestConnections.connect();
        String access2 = ThumbtackStubs.token("access");
        String refresh2 = ThumbtackStubs.token("refresh");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken())
                .willReturn(json(200, ThumbtackStubs.tokenJson(access2, refresh2, 3600))));
        thumbtack.stubFor(ThumbtackStubs.refreshWith(refresh2)
                .willReturn(json(200, ThumbtackStubs.tokenJson(ThumbtackStubs.token("access"),
                        ThumbtackStubs.token("refresh"), 3600))));

        // the caller saw its send with c.accessToken() refused; meanwhile another caller refreshed
        OnVertx.await(() -> service.refreshNow(c.businessPk()));
        AccessToken token = OnVertx.await(() -> service.replaceRefused(c.businessPk(), c.accessToken()));

        assertThat(token).isInstanceOf(AccessToken.Bearer.class);
        assertThat(((AccessToken.Bearer) token).token()).isEqualTo(access2);
        thumbtack.verify(1, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
        thumbtack.verify(0, ThumbtackStubs.refreshRequestWith(refresh2));
    }

    @Test
    void manyCallersRefusedTheSameTokenAtOnceRotateThePairOnce() throws Exception {
        Connected c = TestConnections.connect();
        String access2 = ThumbtackStubs.token("access");
        String refresh2 = ThumbtackStubs.token("refresh");
        thumbtack.stubFor(ThumbtackStubs.refreshWith(c.refreshToken())
                .willReturn(json(200, ThumbtackStubs.tokenJson(access2, refresh2, 3600)).withFixedDelay(300)));
        thumbtack.stubFor(ThumbtackStubs.refreshWith(refresh2)
                .willReturn(json(200, ThumbtackStubs.tokenJson(ThumbtackStubs.token("access"),
                        ThumbtackStubs.token("refresh"), 3600))));

        Callable<AccessToken> caller = () -> OnVertx.await(() -> service.replaceRefused(c.businessPk(), c.accessToken()));
        List<AccessToken> answers = Concurrently.all(Collections.nCopies(8, caller));
        // the callers that lost the lease read the token again afterwards: the new one, never a new rotation
        List<AccessToken> more = Concurrently.all(Collections.nCopies(8, caller));

        assertThat(answers).filteredOn(t -> t instanceof AccessToken.Bearer).isNotEmpty();
        assertThat(more).allSatisfy(t -> assertThat(((AccessToken.Bearer) t).token()).isEqualTo(access2));
        thumbtack.verify(1, ThumbtackStubs.refreshRequestWith(c.refreshToken()));
        thumbtack.verify(0, ThumbtackStubs.refreshRequestWith(refresh2));
    }
}
