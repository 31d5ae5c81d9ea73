-- Keep webhook payloads inline and uncompressed up to a page (8160 bytes per row) instead of the default
-- ~2 KB. A typical lead payload is 2-3 KB: with the default PostgreSQL tried to compress it (pglz) on
-- every insert, into the lead row and again into its event row, which was the largest single cost of
-- the database's share of a lead webhook (bench/results, perf). Larger rows trade a little disk for
-- that CPU; payloads over the target are still compressed or moved out of line as before.
alter table lead set (toast_tuple_target = 8160);
alter table event set (toast_tuple_target = 8160);
alter table lead_update set (toast_tuple_target = 8160);
alter table message set (toast_tuple_target = 8160);
alter table review set (toast_tuple_target = 8160);
