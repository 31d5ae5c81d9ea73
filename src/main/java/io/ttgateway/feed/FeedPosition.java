package io.ttgateway.feed;

import io.ttgateway.common.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * A reader's place in the feed: after the event {@code (txId, id)} in the feed's order (transaction id,
 * then event id). Handed to clients as an opaque string (nextCursor, the SSE id).
 *
 * <p>A cursor issued before the feed was ordered this way was a bare event id N and meant "every event
 * with id up to N has been seen". Such a reader keeps a floor: events with {@code id <= floorId} are
 * never delivered again, as long as they belong to transactions below {@code floorUntilTx} (the
 * horizon when the cursor was converted: the old feed never handed out an event of a transaction at or
 * above it). The floor is dropped once the reader has passed that transaction.
 */
public record FeedPosition(long txId, long id, long floorId, long floorUntilTx) {

    public static final FeedPosition START = new FeedPosition(0, 0, 0, 0);

    private static final String PREFIX = "f1:";

    /** The position right after {@code event}; the floor stays while it can still matter. */
    public FeedPosition after(FeedEvent event) {
        return at(event.txId(), event.id());
    }

    /** The position of the feed's order {@code (txId, id)}, keeping this reader's floor while it matters. */
    public FeedPosition at(long tx, long eventId) {
        if (tx >= floorUntilTx) {
            return new FeedPosition(tx, eventId, 0, 0);
        }
        return new FeedPosition(tx, eventId, floorId, floorUntilTx);
    }

    /** True if the event at {@code (tx, eventId)} comes after this position in the feed's order. */
    public boolean isBefore(long tx, long eventId) {
        return tx > txId || (tx == txId && eventId > id);
    }

    public String encode() {
        String text = floorId == 0
                ? PREFIX + txId + ":" + id
                : PREFIX + txId + ":" + id + ":" + floorId + ":" + floorUntilTx;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** What a client handed back: nothing (the start), a cursor of this feed, or a bare event id of old. */
    public sealed interface Cursor {

        /** The cursor's meaning: a position this feed handed out, or a bare event id of old. */
        <T> T match(Function<FeedPosition, T> issued, LongFunction<T> legacyId);

        /** Reads {@code value} of the parameter or header {@code field}; 400 naming it if it is neither. */
        static Cursor parse(String value, String field) {
            if (value == null || value.isBlank()) {
                return new Issued(START);
            }
            String trimmed = value.trim();
            if (trimmed.chars().allMatch(c -> c >= '0' && c <= '9') && trimmed.length() <= 18) {
                long legacyId = Long.parseLong(trimmed);
                return legacyId == 0 ? new Issued(START) : new LegacyId(legacyId);
            }
            try {
                String text = new String(Base64.getUrlDecoder().decode(trimmed), StandardCharsets.US_ASCII);
                if (text.startsWith(PREFIX)) {
                    String[] parts = text.substring(PREFIX.length()).split(":", -1);
                    long[] numbers = new long[parts.length];
                    for (int i = 0; i < parts.length; i++) {
                        numbers[i] = Long.parseLong(parts[i]);
                        if (numbers[i] < 0) {
                            throw new NumberFormatException();
                        }
                    }
                    if (parts.length == 2) {
                        return new Issued(new FeedPosition(numbers[0], numbers[1], 0, 0));
                    }
                    if (parts.length == 4) {
                        return new Issued(new FeedPosition(numbers[0], numbers[1], numbers[2], numbers[3]));
                    }
                }
            } catch (IllegalArgumentException e) {
                // answered below (NumberFormatException is one)
            }
            throw InvalidInputException.field(field, "is not a cursor this feed handed out");
        }
    }

    /** A cursor this feed handed out. */
    public record Issued(FeedPosition position) implements Cursor {
        @Override
        public <T> T match(Function<FeedPosition, T> issued, LongFunction<T> legacyId) {
            return issued.apply(position);
        }
    }

    /** A bare event id, as cursors were before the feed was ordered by transaction. */
    public record LegacyId(long id) implements Cursor {
        @Override
        public <T> T match(Function<FeedPosition, T> issued, LongFunction<T> legacyId) {
            return legacyId.apply(id);
        }
    }
}
