-- A lead's row is kept whole in its heap page, compressed, up to a page, instead of having its largest
-- value moved out of line (TOAST) as soon as the compressed row passes ~2 KB. A v4 lead's row holds its
-- payload and its lead.received data (two JSON texts, ~2.5 KB together): with the default rule every
-- v4 lead wrote a TOAST chunk and its index entry besides its row: two WAL records and ~4 us of the
-- database's CPU per lead more (bench/results/2026-12-05-lead-row-inline.md). Reading a lead's payload
-- (the feed does) is now one heap fetch, without a TOAST index lookup and chunk fetch. A wider row
-- means fewer leads per page for a scan of the table, which nothing on the lead paths does; and an
-- update of a lead (a price update, the v4 watch's claim) writes its payload again instead of a
-- pointer to it, which is rare beside new leads (the watch reads at most GATEWAY_V4_POLL_RATE leads a
-- second per replica).
--
-- How: every variable-length column of the lead table gets storage MAIN. PostgreSQL still compresses
-- a row's values once the row passes ~2 KB (lz4, V17), largest first, but moves a MAIN value out of
-- line only when the row, compressed, would not fit a page. Every such column must be MAIN: one left
-- EXTENDED (any value over ~24 bytes) is moved out of line before any MAIN value is compressed
-- (LeadRowInlineMigrationTest checks that a column added later is MAIN too).
-- New rows only: rows already stored keep their form until rewritten.
--
-- A catalog change only, under the table's exclusive lock, in one transaction; each attempt waits at
-- most 2 s for the lock and a conflict is tried again, 10 attempts 1 s apart, as V16 - V19 did, now
-- through a function later migrations call instead of writing the loop out again.
create or replace function execute_with_lock_retries(statement text) returns void
language plpgsql set lock_timeout = '2s' as $$
declare
    attempt int := 1;
begin
    loop
        begin
            execute statement;
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

select execute_with_lock_retries('alter table lead '
                                 || string_agg(format('alter column %I set storage main', attname), ', ' order by attnum))
from pg_attribute
where attrelid = 'lead'::regclass and attnum > 0 and not attisdropped and attstorage = 'x'
having count(*) > 0;
