-- A lead's webhook payload is stored in a json column, payload, instead of the jsonb column raw. json
-- keeps the text it is given, after checking that it is JSON; jsonb parses it into a tree and builds
-- its binary form, which was the database's largest single cost of storing a lead (about a seventh of
-- its CPU, bench/results/2026-12-05-lead-payload-json.md). The service parses and validates every
-- payload before it is stored, and nothing queries into a lead's payload on the write path: the feed
-- hands it out as text, which json gives back as it was stored, without the conversion jsonb needs.
-- The service stores the body without the whitespace between its tokens (one line, for the feed's
-- event stream); json's operators (->, ->>) read it as jsonb's do, the last of repeated keys counting.
--
-- received_event_data (json): the data of the lead's lead.received event when that is not its payload
-- (a v4 lead's event has the legacy lead's shape, ~1.2 KB, built at intake), moved from the event row
-- for the same reason: the event row's data was jsonb. As for a legacy lead since V7, the event row of
-- a new lead.received has no data, and the feed reads the lead's. Null for a legacy lead.
--
-- New leads have payload and a null raw; leads stored before keep raw (no rewrite of existing rows).
-- Exactly one of them is set. The check is NOT VALID (it binds every row written from now on): every
-- existing row has raw, NOT NULL until now, and no payload, a column added here, so none can break it,
-- and validating would only read the whole table to prove that.
--
-- Adding a nullable column without a default, dropping NOT NULL and adding a NOT VALID check change
-- the catalog only (no scan, no rewrite), under the table's exclusive lock; each attempt waits at most
-- 2 s for it and a conflict is tried again, 10 attempts 1 s apart, as V18. Compressed with lz4 where
-- the server has it, as every other value of the lead table (V17).
do $$
declare
    method text := case when exists (select 1 from pg_settings where name = 'default_toast_compression'
                                     and 'lz4' = any (enumvals)) then ' compression lz4' else '' end;
    attempt int := 1;
begin
    loop
        begin
            set local lock_timeout = '2s';
            execute 'alter table lead add column if not exists payload json' || method
                    || ', add column if not exists received_event_data json' || method
                    || ', alter column raw drop not null';
            if not exists (select 1 from pg_constraint where conname = 'lead_payload_once'
                           and conrelid = 'lead'::regclass) then
                alter table lead add constraint lead_payload_once
                    check ((raw is null) <> (payload is null)) not valid;
            end if;
            exit;
        exception when lock_not_available or deadlock_detected then
            if attempt >= 10 then
                raise;
            end if;
            attempt := attempt + 1;
            perform pg_sleep(1);
        end;
    end loop;
end $$;
