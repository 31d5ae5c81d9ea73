-- Indexes of V13 on tables that may be large (lead, message, outbound_message), built CONCURRENTLY so
-- that webhooks keep being stored while they are built (hence no transaction: see the .conf file).
-- A build that failed half-way leaves an INVALID index behind: each is dropped before it is built again.

-- The v4 change watch's scan: v4 leads by when they are read next.
drop index concurrently if exists lead_v4_poll_idx;
create index concurrently lead_v4_poll_idx on lead (next_poll_at) where next_poll_at is not null;

-- Pro messages whose message.pro_sent waits for the outcome of a send of their lead.
drop index concurrently if exists message_echo_pending_idx;
create index concurrently message_echo_pending_idx on message (lead_id) where echo_pending;

-- One outbound message per messageID Thumbtack answered; an echo delivery finds its send by it.
drop index concurrently if exists outbound_message_thumbtack_id_uk;
create unique index concurrently outbound_message_thumbtack_id_uk
    on outbound_message (thumbtack_message_id) where thumbtack_message_id is not null;

alter table message validate constraint message_direction_ck;
