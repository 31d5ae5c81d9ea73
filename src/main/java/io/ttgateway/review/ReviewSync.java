package io.ttgateway.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.ConflictException;
import io.ttgateway.common.InvalidInputException;
import io.ttgateway.connection.AccessToken;
import io.ttgateway.connection.ApiVersion;
import io.ttgateway.connection.V4TokenRenewal;
import io.ttgateway.thumbtack.ThumbtackCallException;
import io.ttgateway.thumbtackv4.BearerToken;
import io.ttgateway.thumbtackv4.ThumbtackV4;
import io.ttgateway.thumbtackv4.V4ReviewPage;
import io.ttgateway.webhook.WebhookParser;
import io.ttgateway.webhook.payload.V4ReviewData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Reads a v4 business's reviews from Thumbtack (GET /api/v4/businesses/{b}/reviews, page by page, at
 * most {@link #MAX_PAGES} pages of {@link #PAGE_SIZE}) and stores those not stored yet through the same
 * store as ReviewCreatedV4 deliveries (review.received each). Pages are read one after another; each
 * call has the v4 client's timeout and retries, so the whole sync is bounded too.
 */
@ApplicationScoped
public class ReviewSync {

    static final int PAGE_SIZE = 20;
    static final int MAX_PAGES = 25;

    private static final Logger LOG = Logger.getLogger(ReviewSync.class);

    /** {"new": stored now, "seen": reviews read, "invalid": items without a reviewID or rating, "complete"}. */
    public record Result(int newReviews, int seen, int invalid, boolean complete) {}

    private record Tally(int stored, int seen, int invalid) {
        Tally plus(Tally other) {
            return new Tally(stored + other.stored, seen + other.seen, invalid + other.invalid);
        }
    }

    private final ReviewSyncAccess access;
    private final ThumbtackV4 thumbtack;
    private final V4ReviewIntake reviews;
    private final WebhookParser parser;
    private final V4TokenRenewal renewal;

    ReviewSync(ReviewSyncAccess access, ThumbtackV4 thumbtack, V4ReviewIntake reviews, WebhookParser parser,
            V4TokenRenewal renewal) {
        this.access = access;
        this.renewal = renewal;
        this.thumbtack = thumbtack;
        this.reviews = reviews;
        this.parser = parser;
    }

    /** ResourceNotFoundException for an unknown business, ConflictException for a legacy or unusable connection. */
    public Uni<Result> sync(String businessId) {
        return access.connection(businessId).chain(connection -> {
            if (connection.apiVersion != ApiVersion.V4) {
                throw new ConflictException("business " + businessId + " is connected through Thumbtack's legacy"
                        + " API, which has no reviews list");
            }
            return access.token(businessId);
        }).chain(token -> page(new AtomicReference<>(new BearerToken(bearer(token))), businessId, 0,
                new Tally(0, 0, 0)));
    }

    /** {@code token}: the grant's token the last page was read with (a renewed one, after a 401). */
    private Uni<Result> page(AtomicReference<BearerToken> token, String businessId, int page, Tally so) {
        return renewal.call(businessId, token.get().value(), bearer -> {
                    token.set(bearer);
                    return thumbtack.reviews(bearer, businessId, PAGE_SIZE, page * PAGE_SIZE);
                })
                .map(result -> result.orThrow("listing reviews"))
                .chain(read -> store(businessId, read).chain(tally -> {
                    Tally now = so.plus(tally);
                    if (!read.hasNext() || read.data().isEmpty()) {
                        return Uni.createFrom().item(new Result(now.stored(), now.seen(), now.invalid(), true));
                    }
                    if (page + 1 >= MAX_PAGES) {
                        LOG.warnf("reviews sync of business %s stopped after %d pages", businessId, MAX_PAGES);
                        return Uni.createFrom().item(new Result(now.stored(), now.seen(), now.invalid(), false));
                    }
                    return page(token, businessId, page + 1, now);
                }));
    }

    /** One review after the other (each its own transaction), so a page costs one connection at a time. */
    private Uni<Tally> store(String businessId, V4ReviewPage read) {
        Uni<Tally> tally = Uni.createFrom().item(new Tally(0, 0, 0));
        for (JsonNode item : read.data()) {
            tally = tally.chain(so -> one(businessId, item).map(so::plus));
        }
        return tally;
    }

    private Uni<Tally> one(String businessId, JsonNode item) {
        V4ReviewData review;
        try {
            review = parser.part(item, "", V4ReviewData.class, "invalid v4 review");
        } catch (InvalidInputException e) {
            // Thumbtack's item, not the caller's input: counted and left out, not a 400 for the whole sync
            LOG.warnf("a review item of business %s was left out: %s", businessId, e.details());
            return Uni.createFrom().item(new Tally(0, 1, 1));
        }
        return reviews.store(businessId, review, item.toString(), null, V4ReviewIntake.SYNCED)
                .map(stored -> new Tally(stored ? 1 : 0, 1, 0));
    }

    private static String bearer(AccessToken token) {
        return token.fold(AccessToken.Bearer::token, notConnected -> {
            throw new ConflictException(notConnected.reason());
        }, unavailable -> {
            throw new ThumbtackCallException(502, unavailable.reason());
        });
    }
}
