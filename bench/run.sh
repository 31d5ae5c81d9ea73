#!/usr/bin/env bash
# Benchmark of thumbtack-gateway on this machine (run by hand; not part of ./mvnw verify).
#   bench/run.sh [LABEL]      results go to bench/results/<date>[-LABEL].md
# Env: SKIP_BUILD=1 reuses target/quarkus-app; SECONDS_RUN (20) per measured phase; WARM_S (45) of warm-up; PROFILE=1 records
# a JFR file of the service into bench/results/; BENCH_JAVA_OPTS adds JVM options; KEEP_WORK=1 keeps logs.
# Needs: PostgreSQL on 127.0.0.1:5432 (user postgres, trust), pgbench, wrk (apt-get install wrk),
# python3, curl, Java 17. All traffic stays on 127.0.0.1.
source "$(dirname "$0")/lib.sh"

LABEL="${1:-}"
BENCH_JAR_SET="${BENCH_JAR:+1}"
RUN_S="${SECONDS_RUN:-20}"
# JVM options by default: BENCH_DEFAULT_JAVA_OPTS of lib.sh (a fixed 80 MiB heap, metaspace allowed to
# reach 100 MiB before it forces a full collection, the serial collector, the native heap trimmed every
# 5 s, Quarkus' AppCDS archive; see docs/bench.md, JVM options; 112 MiB without trimming until
# 2026-12-04). Set BENCH_JAVA_OPTS=" " for the JVM's own defaults. (Runs before 08:15
# used -XX:MaxRAM=512m -XX:MaxRAMPercentage=75 -XX:+UseParallelGC -XX:MinHeapFreeRatio=10
# -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90: those kept the heap near
# 30 MB and collected ~19 times a second, with full collections of up to 200 ms: the p99 at 1,000
# req/s. Runs from 08:15 to 09:00 used -Xms112m -Xmx112m -XX:MetaspaceSize=100m -XX:+UseParallelGC.)
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-$BENCH_DEFAULT_JAVA_OPTS}"
command -v wrk >/dev/null || { log "installing wrk (Debian package)"; apt-get install -y -qq wrk >/dev/null; }
command -v pgbench >/dev/null || { log "pgbench is missing (Debian: postgresql-client)"; exit 1; }

build_jar
make_db
start_stub "$(free_port)" 50

# --- 1. the database ceiling: pgbench inserting a ~2 KB jsonb lead row ----------------------------
sql "create table bench_lead (id bigint generated always as identity primary key,
       lead_id varchar(64) not null unique, raw jsonb not null, received_at timestamptz not null default now())"
# One line, with a space after each colon: pgbench reads a colon right before a name or a number as one of its
# variables (the service stores the body without any whitespace between tokens; a few bytes more here)
BODY_JSON=$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))))' "$BENCH_DIR/lead.json")
printf 'insert into bench_lead (lead_id, raw) values (gen_random_uuid()::text, $j$%s$j$::jsonb) on conflict (lead_id) do nothing;\n' \
  "$BODY_JSON" >"$WORK/pgbench.sql"
log "pgbench: 16 clients, ${RUN_S}s"
PG_T0=$(pg_ticks)
pgbench -n -M prepared -c 16 -j 2 -T "$RUN_S" -f "$WORK/pgbench.sql" "$DB" >"$WORK/pgbench.out" 2>&1
PG_T1=$(pg_ticks)
PGBENCH_TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/pgbench.out" | head -1)
PGBENCH_LAT=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$WORK/pgbench.out")
PGBENCH_N=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$WORK/pgbench.out")
# PostgreSQL's CPU per inserted row, beside the service's per lead below
PGBENCH_PG_US=$(( (PG_T1 - PG_T0) * 1000000 / $(getconf CLK_TCK) / (${PGBENCH_N:-0} > 0 ? ${PGBENCH_N:-1} : 1) ))
sql "drop table bench_lead"
log "pgbench: $PGBENCH_TPS tps"


# --- 5a. start to ready on an empty database (Flyway migrates first) -----------------------------
PORT=$(free_port)
JFR_OPTS=""
if [[ -n "${PROFILE:-}" ]]; then
  mkdir -p "$BENCH_DIR/results"
  JFR_FILE="$BENCH_DIR/results/$(date +%F)${LABEL:+-$LABEL}.jfr"
  JFR_OPTS="-XX:StartFlightRecording=filename=$JFR_FILE,settings=profile"
fi
# The build's AppCDS archive (target/quarkus-app/app-cds.jsa, quarkus.package.jar.appcds.enabled) is in
# the default options; the third start below runs without it, to show what it does for start-up.
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} $JFR_OPTS" start_service svc "$PORT" 5432
READY_FIRST_MS=$(cat "$WORK/svc.ready_ms")
URL="http://127.0.0.1:$PORT"
AUTH64=$(printf '%s' "$WEBHOOK_AUTH" | base64 -w0)

# --- 1b. the rows of one lead webhook, one lead per transaction (diagnostic, run by pgbench) -------
# What one lead webhook writes (lock + lead with its details and attachment in its row since V18 and its
# payload as json since V19, then
# pending updates and the event, which since V7 holds no copy of the payload) inside BEGIN/COMMIT, one lead per transaction: the SQL the service
# ran before group commit (LeadWriter now stores the leads that arrive together in one transaction,
# see LeadBatchSql), kept as the reference for what batching saves. The rows are deleted afterwards.
cat >"$WORK/pgbench-webhook.sql" <<SQL
\set n random(1, 2000000000)
BEGIN;
with locked as (select pg_advisory_xact_lock(hashtextextended('lead:' || 'pgb-' || cast(:client_id as text) || '-' || cast(:n as text), 0))) insert into thumbtack.lead (lead_id, created_at, request_id, category, category_id, title, description, schedule, travel_preferences, address1, address2, city, state, zip_code, customer_id, customer_name, customer_phone, business_id, business_name, price, lead_type, lead_price, charge_state, payload, details, attachments, received_at, updated_at) select 'pgb-' || cast(:client_id as text) || '-' || cast(:n as text), now(), '2999842694480093245', 'Interior Painting', '122681972262289742', 'Interior Painting', 'There is a stain on the door', 'Date: Tue, May 05 2020', 'Professional must travel to my address.', '101 Alma Street', '', 'Palo Alto', 'CA', '94301', '331138063184986319', 'John Davis', '1234567890', '286845156044809661', 'Tim''s Painting Business', null, 'INSTANT_BOOK', null, null, \$j\$$BODY_JSON\$j\$::json, '[{"question": "Type of property", "answer": "Home"}, {"question": "Number of rooms", "answer": "4 rooms"}]'::text::jsonb, '[{"fileName": "door.jpg", "fileSize": 1139, "mimeType": "image/jpeg", "url": "https://www.thumbtack.com/attachment/b180b7d3bf981dd2896732f979f44fbf45fc4224/door.jpg", "description": "my stain"}]'::text::jsonb, now(), now() from locked on conflict (lead_id) do nothing;
with pending as (update thumbtack.lead_update set applied_at = now() where lead_id = 'pgb-' || cast(:client_id as text) || '-' || cast(:n as text) and applied_at is null returning id, lead_price, charge_state), latest as (select lead_price, charge_state from pending order by id desc limit 1), applied as (update thumbtack.lead set lead_price = latest.lead_price, charge_state = latest.charge_state, updated_at = now() from latest where lead.lead_id = 'pgb-' || cast(:client_id as text) || '-' || cast(:n as text)) insert into thumbtack.event (type, business_id, lead_id, occurred_at) values ('lead.received', '286845156044809661', 'pgb-' || cast(:client_id as text) || '-' || cast(:n as text), now());
COMMIT;
SQL
log "pgbench, the webhook's transaction: 16 clients, ${RUN_S}s"
pgbench -n -M prepared -c 16 -j 2 -T "$RUN_S" -f "$WORK/pgbench-webhook.sql" "$DB" >"$WORK/pgbench-webhook.out" 2>&1 || true
PGBENCH_TX_TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/pgbench-webhook.out" | head -1)
PGBENCH_TX_TPS=${PGBENCH_TX_TPS:-0}
log "pgbench, the webhook's transaction: $PGBENCH_TX_TPS tps"
sql "delete from thumbtack.event where lead_id like 'pgb-%'; delete from thumbtack.lead where lead_id like 'pgb-%'"

# --- 2. closed loop: wrk at 16 and 64 connections -------------------------------------------------
wrk_run() { # NAME CONNECTIONS SECONDS
  wrk -t2 -c"$2" -d"$3"s --timeout 10s -s "$BENCH_DIR/lead.lua" "$URL/v1/lead" -- \
    "$BENCH_DIR/lead.json" "$1" "$AUTH64" >"$WORK/wrk-$1.out" 2>&1
  sed -n 's/^WRKJSON //p' "$WORK/wrk-$1.out"
}
jget() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
# Warm-up long enough for the JIT to settle: on two shared cores the JVM compiled ~4,500 methods in its
# first 5 s under this load and still ~600 per 5 s at 30 s, ~100 per 5 s from 45 s on
# (-XX:+PrintCompilation); with a 15 s warm-up the runs below measured the compiler as much as the service.
WARM_S="${WARM_S:-45}"
log "warm-up: wrk 64 connections, ${WARM_S}s"
wrk_run warm 64 "$WARM_S" >/dev/null
log "wrk 16 connections, ${RUN_S}s"
W16=$(wrk_run c16 16 "$RUN_S")
log "wrk 64 connections, ${RUN_S}s"
measured_cpu wrk_run c64 64 "$RUN_S" >"$WORK/w64.json"
W64=$(cat "$WORK/w64.json"); CPU64=$(cat "$WORK/cpu.last"); WAL64=$(cat "$WORK/wal.last")
log "CPU per stored lead (service, JIT, VM thread, PostgreSQL, everything else in us; idle %): $CPU64"
# --- 2b. v4 leads: NegotiationCreatedV4 to POST /v4/webhooks, wrk 64 connections ----------------------
# The same group commit as /v1/lead, behind the v4 webhook's Basic credentials.
v4_webhook
# Its own warm-up: the v4 path (envelope, credentials, mapping) is code the legacy runs did not compile.
wrk -t2 -c64 -d10s --timeout 10s -s "$BENCH_DIR/lead.lua" "$URL/v4/webhooks" -- \
  "$V4_BODY" v4warm "$V4_AUTH64" /v4/webhooks >/dev/null 2>&1
log "v4 leads: wrk 64 connections, ${RUN_S}s"
measured_cpu wrk -t2 -c64 -d"$RUN_S"s --timeout 10s -s "$BENCH_DIR/lead.lua" "$URL/v4/webhooks" -- \
  "$V4_BODY" v4 "$V4_AUTH64" /v4/webhooks >"$WORK/wrk-v4.out" 2>&1
CPU64V4=$(cat "$WORK/cpu.last"); WAL64V4=$(cat "$WORK/wal.last")
log "v4 CPU per stored lead (service, JIT, VM thread, PostgreSQL, everything else in us; idle %): $CPU64V4"
W64V4=$(sed -n 's/^WRKJSON //p' "$WORK/wrk-v4.out")
V4_STORED=$(sql "select count(*) from thumbtack.lead where api_version = 'v4'")

STORED=$(sql "select count(*) from thumbtack.lead where api_version = 'legacy'")
EVENTS=$(sql "select count(*) from thumbtack.event where type = 'lead.received'")
# Group commit: leads per batch transaction over the warm-up and both wrk runs (thumbtack_lead_batch_size)
BATCHES=$(curl -s "$URL/q/metrics" | awk '/^thumbtack_lead_batch_size_(sum|count) /{v[$1]=$2} END{printf "%.0f %.0f", v["thumbtack_lead_batch_size_sum"], v["thumbtack_lead_batch_size_count"]}')

# --- 3. open model: a fixed 1,000 requests per second ----------------------------------------------
# bench/openload.c (C, epoll) when a C compiler is there, else bench/Load.java (the JDK's HTTP client
# needed ~70 % of a core at 1,000 req/s, taken from the service on this two-core machine). The
# client's own CPU time is recorded either way.
open_model() { # RATE PREFIX -> JSON line; CPU share of the client in $WORK/open-RATE.cpu
  if command -v cc >/dev/null && { [[ -x "$WORK/openload" ]] || cc -O2 -o "$WORK/openload" "$BENCH_DIR/openload.c"; }; then
    /usr/bin/time -f '%U %S %e' -o "$WORK/open-$1.time" "$WORK/openload" "$PORT" /v1/lead "$AUTH64" \
      "$BENCH_DIR/lead.json" "$1" "$RUN_S" "$2" 5
    OPEN_CLIENT="bench/openload.c"
  else
    /usr/bin/time -f '%U %S %e' -o "$WORK/open-$1.time" java "$BENCH_DIR/Load.java" open "$URL/v1/lead" \
      "$WEBHOOK_AUTH" "$BENCH_DIR/lead.json" "$1" "$RUN_S" "$2" - 5
    OPEN_CLIENT="bench/Load.java"
  fi
  awk '{ printf "%.0f %%", 100 * ($1 + $2) / $3 }' "$WORK/open-$1.time" >"$WORK/open-$1.cpu"
}
# The wrk runs wrote ~1.5 GB of WAL, more than max_wal_size (1 GB by default): PostgreSQL then runs a
# checkpoint, and its final fsyncs stall commits for hundreds of ms, which would land on the fixed-rate
# phases that follow (p99 423 - 604 ms at 1,000 req/s in the 09:58 and 10:18 runs, 20 - 26 ms without).
# Each fixed-rate phase therefore starts after a CHECKPOINT, and the checkpoints that still happen
# during it are counted (pg_stat_bgwriter) and shown in the table.
checkpoints() { psql -d "$DB" -XAtq -c "select checkpoints_timed + checkpoints_req from pg_stat_bgwriter"; }
log "open model: 1000 req/s, ${RUN_S}s (after 5 s unrecorded)"
psql -d "$DB" -XAtq -c "checkpoint"
CKPT0=$(checkpoints)
OPEN=$(open_model 1000 open-)
CKPT_OPEN=$(( $(checkpoints) - CKPT0 ))
log "open model: 500 req/s, ${RUN_S}s (after 5 s unrecorded)"
psql -d "$DB" -XAtq -c "checkpoint"
CKPT0=$(checkpoints)
OPEN500=$(open_model 500 half-)
CKPT_HALF=$(( $(checkpoints) - CKPT0 ))
CLIENT_CPU=$(cat "$WORK/open-1000.cpu")
OPEN_CLIENT=$(command -v cc >/dev/null && echo bench/openload.c || echo bench/Load.java)

# --- 4. outbound: 2,000 queued messages against a stub answering in 50 ms --------------------------
BUSINESS=900000000000000001
connect_business "$PORT" "$BUSINESS"
queue_messages 2000 "$BUSINESS" "bench-out"
T0=$(date +%s%N)
curl -s -o /dev/null -u "$PARTNER_AUTH" -H 'Content-Type: application/json' -d '{"text":"bench-out wake"}' \
  "$URL/api/v1/businesses/$BUSINESS/leads/lead-wake/messages"
OUT_MS=$(wait_sql "select count(*) from thumbtack.outbound_message where status = 'SENT'" 2001 120 || echo timeout)
if [[ "$OUT_MS" != timeout ]]; then OUT_MS=$(( ($(date +%s%N) - T0) / 1000000 )); fi
OUT_SENT=$(sql "select count(*) from thumbtack.outbound_message where status = 'SENT'")
STUB_SENDS=$(stub_stat "['sends']")
STUB_DUPS=$(stub_stat "['duplicates']")

# --- 5b. memory after the load, then a second start on the migrated schema -------------------------
RSS_KB=$( (ps -o rss= -p "$SVC_PID_svc" || echo 0) | tr -d ' ')
# Read again 6 s later: with the packaged options the native heap is trimmed every 5 s, and the JIT
# compilers are still compiling the outbound phase's code when its last message is SENT (glibc keeps
# what they free until a trim). A diagnostic beside the target, which is judged on the first reading.
sleep 6
RSS_LATER_KB=$( (ps -o rss= -p "$SVC_PID_svc" || echo 0) | tr -d ' ')
GC_SUMMARY=$(gc_summary "$WORK/svc.gc.log")
if [[ -n "${PROFILE:-}" ]]; then jcmd "$SVC_PID_svc" JFR.dump name=1 filename="$JFR_FILE" >/dev/null || true; fi
kill "$SVC_PID_svc"
for _ in $(seq 1 100); do kill -0 "$SVC_PID_svc" 2>/dev/null || break; sleep 0.1; done
start_service svc2 "$PORT" 5432
READY_SECOND_MS=$(cat "$WORK/svc2.ready_ms")
stop_service_pid() { kill "$1"; for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done; }
stop_service_pid "$SVC_PID_svc2"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS//-XX:SharedArchiveFile=app-cds.jsa/}" start_service svc3 "$PORT" 5432
READY_NOCDS_MS=$(cat "$WORK/svc3.ready_ms")

# --- the table -------------------------------------------------------------------------------------
mkdir -p "$BENCH_DIR/results"
OUT="$BENCH_DIR/results/$(date +%F)${LABEL:+-$LABEL}.md"
n=2; while [[ -e "$OUT" ]]; do OUT="$BENCH_DIR/results/$(date +%F)${LABEL:+-$LABEL}-$n.md"; n=$((n + 1)); done   # never overwrite a run
python3 - "$OUT" <<EOF
import json, sys, subprocess
w16, w64, op = json.loads('''$W16'''), json.loads('''$W64'''), json.loads('''$OPEN''')
w64v4 = json.loads('''$W64V4''')
op5 = json.loads('''$OPEN500''')
pg = float("$PGBENCH_TPS")
cpu64, cpu64v4 = [list(map(int, x.split())) for x in ("$CPU64", "$CPU64V4")]
def cpu_words(c): return (f"service {c[0]} us (of it JIT compiler {c[1]}, VM thread {c[2]}), PostgreSQL {c[3]} us; "
                          f"everything else {c[4]} us (wrk, the kernel); machine idle {c[5]} %")
best = max(w16["rps"], w64["rps"])
def errs(w): return w["connect"] + w["read"] + w["write"] + w["status"] + w["timeout"]
rss_mb = int("$RSS_KB") / 1024
out_ms = "$OUT_MS"
out_s = float(out_ms) / 1000 if out_ms != "timeout" else None
def ok(b): return "yes" if b else "**no**"
commit = subprocess.run(["git", "-C", "$ROOT", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
dirty = subprocess.run(["git", "-C", "$ROOT", "status", "--porcelain", "--", "src"], capture_output=True, text=True).stdout.strip()
build = f"jar {'${BENCH_JAR:-}'}" if "$BENCH_JAR_SET" else f"commit {commit}{' (+ uncommitted changes in src)' if dirty else ''}"
jvm = "${BENCH_JAVA_OPTS:-}".strip() or "(none: JVM defaults)"
load = open("/proc/loadavg").read().split()[0]
cpu = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
rows = [
 ("pgbench: 2 KB jsonb insert, 16 clients", f"{pg:.0f} tps (avg {float('$PGBENCH_LAT'):.2f} ms)", "ceiling", ""),
 ("POST /v1/lead, wrk 16 connections", f"{w16['rps']:.0f} req/s; p50 {w16['p50']:.1f} ms, p99 {w16['p99']:.1f} ms, max {w16['max']:.0f} ms; errors {errs(w16)}", "", ""),
 ("POST /v1/lead, wrk 64 connections", f"{w64['rps']:.0f} req/s; p50 {w64['p50']:.1f} ms, p99 {w64['p99']:.1f} ms, max {w64['max']:.0f} ms; errors {errs(w64)}", "", ""),
 ("POST /v4/webhooks NegotiationCreatedV4, wrk 64 connections", f"{w64v4['rps']:.0f} req/s; p50 {w64v4['p50']:.1f} ms, p99 {w64v4['p99']:.1f} ms, max {w64v4['max']:.0f} ms; errors {errs(w64v4)}; v4 leads stored $V4_STORED", "", ""),
 ("ingest / pgbench (best of 16, 64)", f"{best / pg:.2f}", ">= 1.0", ok(best / pg >= 1.0)),
 ("v4 ingest / pgbench (64)", f"{w64v4['rps'] / pg:.2f}", ">= 1.0", ok(w64v4['rps'] / pg >= 1.0)),
 ("CPU per stored lead, /v1/lead at 64 connections", cpu_words(cpu64), "service <= 150 us, PostgreSQL <= 100 us", ok(cpu64[0] <= 150 and cpu64[3] <= 100)),
 ("CPU per stored lead, v4 at 64 connections", cpu_words(cpu64v4), "service <= 150 us, PostgreSQL <= 100 us", ok(cpu64v4[0] <= 150 and cpu64v4[3] <= 100)),
 ("WAL per stored lead, /v1/lead and v4 at 64 connections", "v1: $WAL64; v4: $WAL64V4", "(diagnostic)", ""),
 ("PostgreSQL CPU per pgbench insert (for comparison)", "$PGBENCH_PG_US us", "(diagnostic)", ""),
 ("pgbench: a lead webhook's rows, one lead per transaction, 16 clients", f"{float('$PGBENCH_TX_TPS'):.0f} tps; ingest / this = {best / max(float('$PGBENCH_TX_TPS'), 1):.2f}", "(diagnostic)", ""),
 ("leads per batch transaction (wrk runs, group commit)", (lambda b: f"{b[0] / max(b[1], 1):.1f} on average ({b[1]:.0f} transactions for {b[0]:.0f} leads)")([float(x) for x in "$BATCHES".split()] if "$BATCHES".strip() else [0, 0]), "(diagnostic)", ""),
 ("open model 1,000 req/s, latency from intended send", f"p50 {op['p50']:.1f} ms, p90 {op['p90']:.1f}, p99 {op['p99']:.1f}, p99.9 {op['p999']:.1f}, max {op['max']:.0f} ms; non-2xx {op['non2xx']} ($OPEN_CLIENT used $CLIENT_CPU of one core; checkpoints during the phase: $CKPT_OPEN)", "p99 < 50 ms", ok(op['p99'] < 50)),
 ("open model 500 req/s (for comparison)", f"p50 {op5['p50']:.1f} ms, p90 {op5['p90']:.1f}, p99 {op5['p99']:.1f}, p99.9 {op5['p999']:.1f}, max {op5['max']:.0f} ms; non-2xx {op5['non2xx']} (checkpoints during the phase: $CKPT_HALF)", "", ""),
 ("errors (wrk runs and 1,000 req/s)", str(errs(w16) + errs(w64) + op['non2xx']) + (f" (status counts at 1,000 req/s: {op['status']})" if op['non2xx'] else ""), "0", ok(errs(w16) + errs(w64) + op['non2xx'] == 0)),
 ("2,000 outbound messages, stub 50 ms: time to all SENT", (f"{out_s:.1f} s" if out_s else "timeout") + f" (SENT $OUT_SENT of 2001, stub counted $STUB_SENDS sends, $STUB_DUPS duplicates)", "< 10 s", ok(out_s is not None and out_s < 10)),
 ("start to ready, empty database (migrations)", f"{$READY_FIRST_MS / 1000:.2f} s", "< 2 s", ok($READY_FIRST_MS < 2000)),
 ("start to ready, migrated database", f"{$READY_SECOND_MS / 1000:.2f} s", "< 2 s", ok($READY_SECOND_MS < 2000)),
 ("start to ready, migrated database, without the AppCDS archive", f"{$READY_NOCDS_MS / 1000:.2f} s", "(comparison)", ""),
 ("RSS after the load", f"{rss_mb:.1f} MB", "< 300 MB", ok(rss_mb < 300)),
 ("RSS 6 s later, idle", f"{int('$RSS_LATER_KB') / 1024:.0f} MB", "(diagnostic)", ""),
 ("garbage collection during the whole run", "$GC_SUMMARY", "(diagnostic)", ""),
]
lines = [f"# Benchmark {'$(date +%F)'} {'$LABEL'}".rstrip(), "",
 f"Built from {build}; {cpu} cores (load average {load} at the end: other processes share the machine); PostgreSQL 15 on 127.0.0.1; "
 f"JVM options: {jvm}{' (+ JFR)' if '$JFR_OPTS' else ''}; phases of $RUN_S s; lead body {len(open('$BENCH_DIR/lead.json').read())} bytes.",
 f"Leads stored by the wrk runs: $STORED (lead.received events: $EVENTS).", "",
 "| measure | result | target | met |", "|---|---|---|---|"]
lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
text = "\n".join(lines) + "\n"
open(sys.argv[1], "w").write(text)
print(text)
EOF
log "written to $OUT"
