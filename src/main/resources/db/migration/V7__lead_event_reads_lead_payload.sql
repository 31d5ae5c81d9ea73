-- A lead.received event describes a lead whose payload, as received, is lead.raw; the event row
-- stored a second copy of it (about 2 KB of jsonb per lead webhook, written, WAL-logged and vacuumed
-- twice). From now on such an event stores no copy (data null) and the feed reads lead.raw through
-- event.lead_id (the unique index on lead.lead_id). lead.raw is never rewritten after insert. Rows
-- written before this migration keep their copy; the feed prefers the row's own data when present.
alter table event alter column data drop not null;
-- NOT VALID, then VALIDATE: the check of existing rows does not block writers.
alter table event add constraint event_data_present
    check (data is not null or (type = 'lead.received' and lead_id is not null)) not valid;
alter table event validate constraint event_data_present;
