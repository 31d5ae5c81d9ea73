-- A lead's request details and attachments are identified by their lead and position: they are read
-- only by lead (LeadPartsRepository) and written only with their lead, in one statement. Their
-- generated id's primary key served no reader, and cost every row an index entry beside the unique
-- (lead_id, position). That pair becomes each table's primary key. The id column itself stays, still
-- generated and no longer indexed, for the previous build, which reads it while a rolling upgrade runs;
-- a later migration may drop it.
--
-- Online on large tables: the new keys' indexes are built CONCURRENTLY first (writers go on; hence no
-- transaction, see the .conf file), then one transaction swaps the keys of both tables. Its ALTERs only
-- change the catalog (the key columns are already NOT NULL, so nothing is scanned), but need each
-- table's exclusive lock for that moment: give up after 5 s rather than queue every writer behind a
-- long transaction (start-up fails, Kubernetes retries). Each step may run again after a failure: an
-- index a failed build left INVALID is dropped before it is built again, a table's keys are swapped
-- only while its former unique constraint is there, and an index left over by a table already done
-- is dropped at the end.
set lock_timeout = '5s';

drop index concurrently if exists lead_detail_key_build;
create unique index concurrently lead_detail_key_build on lead_detail (lead_id, position);
drop index concurrently if exists lead_attachment_key_build;
create unique index concurrently lead_attachment_key_build on lead_attachment (lead_id, position);

do $$
declare
    part text;
begin
    foreach part in array array['lead_detail', 'lead_attachment'] loop
        if exists (select 1 from pg_constraint where conrelid = part::regclass and conname = part || '_position_uk') then
            execute format('alter table %1$I drop constraint %2$I, drop constraint %3$I,'
                    ' add constraint %2$I primary key using index %4$I',
                    part, part || '_pkey', part || '_position_uk', part || '_key_build');
        end if;
    end loop;
end $$;

drop index concurrently if exists lead_detail_key_build;
drop index concurrently if exists lead_attachment_key_build;

reset lock_timeout;
