-- Deliveries of Thumbtack's v4 webhooks that this service stores as they are.
--
-- v4_delivery: a delivery of an event type the service does not interpret (Thumbtack may add types to a
-- webhook, for example the preset-job ones), kept raw with the business of the webhook that brought it,
-- so that nothing answered 200 is lost and a later version can replay it.
create table v4_delivery (
    id           bigint generated always as identity primary key,
    business_id  varchar(64)  not null,
    event_type   varchar(128) not null,
    webhook_id   varchar(64),
    raw          jsonb        not null,
    raw_text     text,
    received_at  timestamptz  not null default now()
);
create index v4_delivery_business_idx on v4_delivery (business_id, id desc);
alter table v4_delivery set (toast_tuple_target = 8160);

-- A v4 review has no "verified" flag (the legacy one always had): null there rather than a made-up
-- false. A v4 lead may come in an older, trimmed shape without a request ID, category or customer ID:
-- null rather than an invented value. Each only changes the catalog (no scan, no rewrite), but needs
-- the table's exclusive lock for that moment: give up after 5 s instead of queueing every reader and
-- writer behind a long transaction.
set local lock_timeout = '5s';
alter table review alter column verified drop not null;
alter table lead alter column request_id drop not null;
alter table lead alter column category drop not null;
alter table lead alter column title drop not null;
alter table lead alter column customer_id drop not null;
