-- The feed reads and resumes in (tx_id, id) order (see EventFeedRepository and docs/feed.md). The index is
-- built CONCURRENTLY so that webhooks keep writing events while it is built on a large table; that needs a
-- script of its own, run outside a transaction (Flyway does so for this statement). A build that failed
-- half-way leaves an INVALID index behind: the first statement removes it before the retry.
drop index concurrently if exists event_feed_order_idx;
create index concurrently event_feed_order_idx on event (tx_id, id);
