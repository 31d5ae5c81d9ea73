-- A lead's request details and attachments are identified by their lead and position: they are read
-- only by lead (LeadPartsRepository) and written only with their lead, in one statement. Their
-- generated id's primary key served no reader, and cost every row an index entry beside the unique
-- (lead_id, position). That pair becomes each table's primary key. The id column itself stays, still
-- generated and no longer indexed, for the previous build, which reads it while a rolling upgrade runs;
-- a later migration may drop it.
--
-- Online on large tables (hence no transaction, see the .conf file):
-- 1. The new keys' indexes are built CONCURRENTLY: writers go on. A build waits for older transactions
--    to end, so no lock timeout applies to it. An INVALID index a failed or interrupted build left is
--    dropped first; a valid one is kept (a build that finished after its pod was stopped).
-- 2. One transaction swaps the keys of both tables: catalog changes only (the key columns are already
--    NOT NULL, so nothing is scanned), but under both tables' exclusive locks. Each attempt waits at
--    most 2 s for them (the service's own statements wait up to 5 s, so a waiting attempt delays
--    webhooks without failing them); a lock conflict or deadlock is tried again, 10 attempts 1 s apart,
--    before the migration fails. A table already swapped is left as it is.

do $$
declare
    build text;
begin
    foreach build in array array['lead_detail_key_build', 'lead_attachment_key_build'] loop
        if exists (select 1 from pg_index where indexrelid = to_regclass(build) and not indisvalid) then
            set local lock_timeout = '2s';
            execute format('drop index %I', build);
        end if;
    end loop;
end $$;
create unique index concurrently if not exists lead_detail_key_build on lead_detail (lead_id, position);
create unique index concurrently if not exists lead_attachment_key_build on lead_attachment (lead_id, position);

do $$
declare
    part text;
    attempt int := 1;
begin
    loop
        begin
            set local lock_timeout = '2s';
            lock table lead_detail, lead_attachment in access exclusive mode;
            foreach part in array array['lead_detail', 'lead_attachment'] loop
                if exists (select 1 from pg_constraint
                           where conrelid = part::regclass and conname = part || '_position_uk') then
                    execute format('alter table %1$I drop constraint %2$I, drop constraint %3$I,'
                            ' add constraint %2$I primary key using index %4$I',
                            part, part || '_pkey', part || '_position_uk', part || '_key_build');
                end if;
            end loop;
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

-- left over when a table was swapped by an earlier run whose end was not recorded
drop index concurrently if exists lead_detail_key_build;
drop index concurrently if exists lead_attachment_key_build;
