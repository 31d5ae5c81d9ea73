-- raw_text: a webhook body exactly as received, kept only when jsonb cannot hold it as it is (a number
-- beyond PostgreSQL's numeric, such as 1e131072, in a field the service does not read). raw then holds
-- a copy with each such number as a JSON string; raw_text keeps the payload unchanged. Null for every
-- other webhook. Adding a nullable column without a default only changes the catalog (no rewrite,
-- no scan), but needs each table's exclusive lock for that moment: give up after 5 s instead of
-- queueing every reader and writer behind a long transaction (start-up fails, Kubernetes retries).
--
-- lead_update_lead_idx: a lead update is a repeat when it equals any earlier update of its lead, so
-- each update webhook looks up every update of its lead; only the pending ones were indexed.
-- Built CONCURRENTLY (writers are not blocked), so this script runs outside a transaction
-- (V12__webhook_raw_text.sql.conf). Every statement is idempotent: if the index build fails (it then
-- leaves an invalid index), drop that index, run `flyway repair` and start again.
set lock_timeout = '5s';
alter table lead add column if not exists raw_text text;
alter table lead_update add column if not exists raw_text text;
alter table message add column if not exists raw_text text;
alter table review add column if not exists raw_text text;
reset lock_timeout;
create index concurrently if not exists lead_update_lead_idx on lead_update (lead_id);
