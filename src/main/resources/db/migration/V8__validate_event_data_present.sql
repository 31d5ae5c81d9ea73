-- Checks the rows written before V7 against event_data_present (every one has data). VALIDATE takes a
-- SHARE UPDATE EXCLUSIVE lock: readers and writers go on while it scans the table. In V7's transaction
-- it would have run under the exclusive lock of the ALTERs there.
alter table event validate constraint event_data_present;
