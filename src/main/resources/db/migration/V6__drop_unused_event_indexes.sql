-- No query reads the event log by business or by lead: the feed (GET /api/v1/events and the SSE
-- stream) reads it by id only. Each of these indexes cost a B-tree insert per event, i.e. per stored
-- webhook (docs/bench.md). A feed filtered by business or lead would bring back the index it needs.
drop index if exists event_business_idx;
drop index if exists event_lead_idx;
