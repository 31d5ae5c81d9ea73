-- A lead's request details and attachments are stored in the lead's own row, as JSON arrays, instead
-- of a row each in lead_detail and lead_attachment. They are written only with their lead, in the same
-- statement, and read only by lead, so separate rows bought nothing but their cost: per lead three more
-- heap rows, their primary keys' index entries, and a foreign-key check each (which locks the lead's
-- row), about a third of the database's work for a lead (bench/results/2026-12-04-lead-parts-inline.md).
-- In the lead's row they cannot outlive it, which is what the foreign keys checked.
--
-- details:     [{"question": …, "answer": …}, …] in Thumbtack's order, [] when the lead has none.
-- attachments: [{"fileName", "fileSize", "mimeType", "url", "description"}, …], [] when none.
-- Null for a lead stored before this migration: its details and attachments stay in lead_detail and
-- lead_attachment, where the service still reads them (no rewrite of existing leads).
--
-- Adding a nullable column without a default changes the catalog only (no scan, no rewrite), but takes
-- the table's exclusive lock for that moment. Each attempt waits at most 2 s for it (the service's own
-- statements wait up to 5 s, so a waiting attempt delays webhooks without failing them); a lock conflict
-- or deadlock is tried again, 10 attempts 1 s apart, before the migration fails. Compressed with lz4 as
-- every other value of the lead table (V17) where the server has it.
do $$
declare
    method text := case when exists (select 1 from pg_settings where name = 'default_toast_compression'
                                     and 'lz4' = any (enumvals)) then ' compression lz4' else '' end;
    attempt int := 1;
begin
    loop
        begin
            set local lock_timeout = '2s';
            execute 'alter table lead add column if not exists details jsonb' || method
                    || ', add column if not exists attachments jsonb' || method;
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
