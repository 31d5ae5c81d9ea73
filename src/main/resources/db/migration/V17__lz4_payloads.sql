-- Webhook payloads (and every other value PostgreSQL may compress in the tables that keep them) are
-- compressed with lz4 once a row passes PostgreSQL's ~2 KB threshold, in place of V5's rule (no
-- compression below a full page). V5 kept payloads uncompressed because pglz, the default method, cost
-- more CPU than anything else PostgreSQL did for a lead. lz4 compresses a typical 2 KB lead payload to
-- ~1.2 KB for about as much CPU as writing it uncompressed costs, or less: the WAL and the data pages
-- of a lead shrink by more than the compression takes (bench/results/2026-12-04-lz4-payloads.md). A
-- row still over ~2 KB once compressed has its payload moved out of line (TOAST), as PostgreSQL does
-- by default.
-- New rows only: rows already stored keep their form until rewritten.
--
-- A server built without lz4 (it is optional from PostgreSQL 14) keeps V5's rule: nothing changes.
--
-- Each table is changed in its own transaction (hence none around the script, see the .conf file; one
-- statement, so that a pooler in transaction mode cannot split it): setting a column's compression
-- takes the table's exclusive lock, for a catalog change only. Each attempt waits at most 2 s for it (the
-- service's own statements wait up to 5 s, so a waiting attempt delays webhooks without failing them); a
-- lock conflict or deadlock is tried again, 10 attempts 1 s apart, before the migration fails. No lock
-- is held while another table's is awaited. A table already changed (by a run whose end was not
-- recorded) is not locked again.

do $$
declare
    target text;
    alterations text;
    attempt int;
begin
    if not exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any (enumvals)) then
        return;
    end if;
    foreach target in array array['lead', 'event', 'lead_update', 'message', 'review', 'v4_delivery'] loop
        select string_agg(format('alter column %I set compression lz4', attname), ', ' order by attnum)
        into alterations
        from pg_attribute
        where attrelid = target::regclass and attnum > 0 and not attisdropped
          and attstorage in ('x', 'm') and attcompression <> 'l';
        if alterations is not null or exists (select 1 from pg_class where oid = target::regclass
                                                and array_to_string(reloptions, ',') like '%toast_tuple_target%') then
            attempt := 1;
            loop
                begin
                    set local lock_timeout = '2s';
                    execute format('alter table %I %s reset (toast_tuple_target)', target,
                            coalesce(alterations || ', ', ''));
                    exit;
                exception when lock_not_available or deadlock_detected then
                    if attempt >= 10 then
                        raise;
                    end if;
                    attempt := attempt + 1;
                    perform pg_sleep(1);
                end;
            end loop;
        end if;
        commit;
    end loop;
end $$;
