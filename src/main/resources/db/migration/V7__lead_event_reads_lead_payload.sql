-- A lead.received event describes a lead whose payload, as received, is lead.raw; the event row
-- stored a second copy of it (about 2 KB of jsonb per lead webhook, written, WAL-logged and vacuumed
-- twice). From now on such an event stores no copy (data null) and the feed reads lead.raw through
-- event.lead_id (the unique index on lead.lead_id). lead.raw is never rewritten after insert. Rows
-- written before this migration keep their copy; the feed prefers the row's own data when present.
-- Both statements only change the catalog (no scan), but need the table's exclusive lock for that
-- moment: give up after 5 s instead of queueing every reader and writer behind a long transaction
-- (the start fails and Kubernetes starts the pod again). The existing rows are checked by V8, in its
-- own transaction, without blocking writers.
set local lock_timeout = '5s';
alter table event alter column data drop not null;
alter table event add constraint event_data_present
    check (data is not null or (type = 'lead.received' and lead_id is not null)) not valid;
