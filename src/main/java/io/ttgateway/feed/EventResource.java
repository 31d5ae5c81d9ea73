package io.ttgateway.feed;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.ttgateway.common.AnswerDeadline;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The event feed: pages in the feed's one order, and the same events live as Server-Sent Events. Cursors
 * (nextCursor, the SSE id) are opaque; a bare event id, as handed out by earlier versions, is accepted.
 */
@AnswerDeadline
@Path("/api/v1/events")
@RolesAllowed("partner")
@Tag(name = "Event feed")
public class EventResource {

    private final EventFeedService feed;
    private final FeedConfig config;

    EventResource(EventFeedService feed, FeedConfig config) {
        this.feed = feed;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<EventPage> page(@QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        return feed.page(FeedPosition.Cursor.parse(after, "after"), limit);
    }

    /** Resumes after Last-Event-ID (what a reconnecting EventSource sends) or ?after=. */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("after") String after, @Context Sse sse) {
        FeedPosition.Cursor from = lastEventId != null && !lastEventId.isBlank()
                ? FeedPosition.Cursor.parse(lastEventId, "Last-Event-ID")
                : FeedPosition.Cursor.parse(after, "after");
        Multi<OutboundSseEvent> events = feed.position(from).toMulti()
                .onItem().transformToMultiAndConcatenate(feed::stream)
                .map(positioned -> sse.newEventBuilder()
                        .id(positioned.cursor())
                        .name(positioned.event().type())
                        .mediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                        .data(FeedEvent.class, positioned.event())
                        .build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(config.heartbeat())
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(events, heartbeats);
    }
}
