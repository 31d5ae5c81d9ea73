-- Webhook payloads are compressed with lz4 once a row passes PostgreSQL's default ~2 KB threshold, in
-- place of V5's rule (no compression below a full page). V5 kept payloads uncompressed because pglz,
-- the default method, cost more CPU than anything else PostgreSQL did for a lead. lz4 compresses a
-- typical 2 KB lead payload to ~1.2 KB for less CPU than writing it uncompressed costs: the WAL, the
-- data pages and the page extensions of a lead shrink by more than the compression takes (bench/results,
-- 2026-12-04-lz4-payloads.md). Reading a compressed payload back (the feed, the lead API) costs well
-- under a microsecond. New rows only: rows already stored keep their form until rewritten.
--
-- A server built without lz4 (it is optional from PostgreSQL 14) keeps V5's rule: nothing changes.
--
-- Each table is altered in its own transaction (hence none around the script, see the .conf file):
-- setting a column's compression takes the table's exclusive lock, for a catalog change only. Each
-- attempt waits at most 2 s for it (the service's own statements wait up to 5 s, so a waiting attempt
-- delays webhooks without failing them); a lock conflict or deadlock is tried again, 10 attempts 1 s
-- apart, before the migration fails. Running it again changes nothing.

create or replace function pg_temp.compress_payloads(target regclass, columns text[]) returns void
language plpgsql as $$
declare
    attempt int := 1;
begin
    if not exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any (enumvals)) then
        return;
    end if;
    loop
        begin
            perform set_config('lock_timeout', '2s', true);
            execute format('alter table %s %s, reset (toast_tuple_target)', target,
                    (select string_agg(format('alter column %I set compression lz4', c), ', ') from unnest(columns) c));
            return;
        exception when lock_not_available or deadlock_detected then
            if attempt >= 10 then
                raise;
            end if;
            attempt := attempt + 1;
            perform pg_sleep(1);
        end;
    end loop;
end $$;

select pg_temp.compress_payloads('lead', array['raw', 'raw_text']);
select pg_temp.compress_payloads('event', array['data']);
select pg_temp.compress_payloads('lead_update', array['raw', 'raw_text']);
select pg_temp.compress_payloads('message', array['raw', 'raw_text']);
select pg_temp.compress_payloads('review', array['raw', 'raw_text']);
select pg_temp.compress_payloads('v4_delivery', array['raw', 'raw_text']);

drop function pg_temp.compress_payloads(regclass, text[]);
