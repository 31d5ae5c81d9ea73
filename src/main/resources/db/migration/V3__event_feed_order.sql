-- The feed reads events in id order and must never skip a row that commits late with a smaller id.
-- A reader only trusts rows whose transaction is older than every transaction still running
-- (tx_id < pg_snapshot_xmin(pg_current_snapshot())). For that, tx_id must be taken before the id:
-- pg_current_xact_id() assigns the transaction id, and PostgreSQL evaluates column defaults in column
-- order, so tx_id is now the first column. (An id drawn before the transaction had an xid could
-- otherwise belong to a transaction that no snapshot shows as running yet.)
create table event_ordered (
    tx_id        xid8        not null default pg_current_xact_id(),
    id           bigint generated always as identity primary key,
    type         varchar(64) not null,
    business_id  varchar(64),
    lead_id      varchar(64),
    occurred_at  timestamptz not null default now(),
    data         jsonb       not null
);
insert into event_ordered (tx_id, id, type, business_id, lead_id, occurred_at, data)
    overriding system value
    select tx_id, id, type, business_id, lead_id, occurred_at, data from event order by id;
select setval(pg_get_serial_sequence('event_ordered', 'id'), coalesce((select max(id) from event), 0) + 1, false);
drop table event;
alter table event_ordered rename to event;
alter index event_ordered_pkey rename to event_pkey;
create index event_business_idx on event (business_id, id);
create index event_lead_idx on event (lead_id, id);
