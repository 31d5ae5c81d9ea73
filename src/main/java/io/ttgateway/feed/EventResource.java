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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "503", ref = "ServiceUnavailable")
public class EventResource {

    private final EventFeedService feed;
    private final FeedConfig config;

    EventResource(EventFeedService feed, FeedConfig config) {
        this.feed = feed;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read the event feed",
            description = "Every event, each exactly once, in one fixed order. Follow nextCursor (as after) and no "
                    + "event is missed.")
    @APIResponse(responseCode = "200", description = "A page of events.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventPage.class),
            examples = @ExampleObject(name = "eventPage", ref = "EventPage")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<EventPage> page(
            @Parameter(description = "The nextCursor of the previous page; absent: from the "
                    + "start.") @QueryParam("after") String after,
            @Parameter(description = "Page size, 1 to 500 (default 100).") @QueryParam("limit") Integer limit) {
        return feed.page(FeedPosition.Cursor.parse(after, "after"), limit);
    }

    /** Resumes after Last-Event-ID (what a reconnecting EventSource sends) or ?after=. */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Follow the event feed live (Server-Sent Events)",
            description = "The feed's events as they happen: SSE id is the event's cursor, event its type, data the "
                    + "event as in the page. A comment line keeps the connection alive.")
    @APIResponse(responseCode = "200", description = "An endless text/event-stream.", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "eventStream", ref = "EventStream")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Multi<OutboundSseEvent> stream(
            @Parameter(description = "The cursor of the last event seen; a reconnecting EventSource sends it.")
            @HeaderParam("Last-Event-ID") String lastEventId,
            @Parameter(description = "Start after this cursor, when there is no "
                    + "Last-Event-ID.") @QueryParam("after") String after,
            @Context Sse sse) {
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
