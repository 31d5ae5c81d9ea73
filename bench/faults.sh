#!/usr/bin/env bash
# Fault tests of thumbtack-gateway (run by hand; bounded in count and time; loopback only).
#   bench/faults.sh [a|b|c|d|e|f ...]    default: a-e (f is long: run it on its own); results go to
#                                        bench/results/<date>-faults[-cases][-HHMM].md
# (a) database outage while webhooks come in     (b) Thumbtack 503 storm, then timeouts, then back
# (c) kill -9 with messages pending              (d) two instances on one database (outbox, token refresh)
# (e) hostile input: runs HostileInputTest (./mvnw test) and records its figures
# (f) Thumbtack down for OUTAGE_S seconds (default 300) with OUTBOX_BACKLOG (default 20000) messages
#     queued: database writes per second meanwhile, then lost and duplicated once it is back
# The database outage is a TCP proxy (bench/tcp_proxy.py) between the service and PostgreSQL that is
# stopped and started again: the shared PostgreSQL cluster itself is never touched.
# Env: SKIP_BUILD=1 reuses target/quarkus-app; BENCH_JAR measures another build; KEEP_WORK=1 keeps logs;
# TEST_DB_SCHEMA for (e); OUTAGE_S and OUTBOX_BACKLOG for (f).
source "$(dirname "$0")/lib.sh"

CASES=("$@")
[[ ${#CASES[@]} -eq 0 ]] && CASES=(a b c d e)
RESULTS=()
result() { RESULTS+=("$1"); log "$1"; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
stub_reset() { stub /_reset >/dev/null; stub "/_control?mode=ok&delay_ms=${1:-20}&expires_in=3600" >/dev/null; }
sent_count() { sql "select count(*) from thumbtack.outbound_message where status = 'SENT'"; }
# counts of the stub for texts with a prefix: "distinct total duplicates"
stub_counts() {
  curl -s "http://127.0.0.1:$STUB_PORT/_stats" >/dev/null
  python3 - "$1" "$STUB_PORT" <<'EOF'
import json, sys, urllib.request
prefix, port = sys.argv[1], sys.argv[2]
sends = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/_texts"))
mine = {t: c for t, c in sends.items() if t.startswith(prefix)}
print(len(mine), sum(mine.values()), sum(c - 1 for c in mine.values() if c > 1))
EOF
}
secs() { if [[ "$1" =~ ^[0-9]+$ ]]; then awk -v ms="$1" 'BEGIN { printf "%.1f s", ms / 1000 }'; else echo "(not within the time limit)"; fi; }
stop_pid() { # PID [SIGNAL]
  kill "-${2:-TERM}" "$1" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}
# outbox_report NAME PREFIX EXPECTED: sent exactly once, lost, duplicated (from the stub's own counts)
outbox_report() {
  local distinct total dups failed pending
  read -r distinct total dups < <(stub_counts "$2")
  failed=$(sql "select count(*) from thumbtack.outbound_message where text like '$2%' and status = 'FAILED'")
  pending=$(sql "select count(*) from thumbtack.outbound_message where text like '$2%' and status = 'PENDING'")
  result "$1: queued $3, delivered to Thumbtack $distinct distinct ($total deliveries), lost $(( $3 - distinct )), duplicated $dups; FAILED $failed, still PENDING $pending"
}

build_jar
make_db
start_stub "$(free_port)" 20
BUSINESS=900000000000000002

for c in "${CASES[@]}"; do
case "$c" in
a)
  # --- (a) database stopped while webhooks come in -------------------------------------------------
  A_RUN=$(( ${A_RUN:-0} + 1 )); AP="fault-a$A_RUN-"   # lead IDs of this repetition
  DBP=$(free_port)
  python3 "$BENCH_DIR/tcp_proxy.py" --listen "$DBP" >"$WORK/proxy.log" 2>&1 & PROXY=$!; disown "$PROXY"; PIDS+=("$PROXY")
  sleep 0.5
  PORT=$(free_port)
  start_service a "$PORT" "$DBP"
  log "(a) 100 leads/s for 20 s; the database goes away at 5 s and comes back at 12 s"
  java "$BENCH_DIR/Load.java" open "http://127.0.0.1:$PORT/v1/lead" "$WEBHOOK_AUTH" "$BENCH_DIR/lead.json" 100 20 \
    "$AP" "$WORK/a.ids" >"$WORK/a.load" 2>&1 & LOADER=$!
  sleep 5.5; stop_pid "$PROXY" KILL; log "(a) database proxy stopped"
  sleep 7; python3 "$BENCH_DIR/tcp_proxy.py" --listen "$DBP" >>"$WORK/proxy.log" 2>&1 & PROXY=$!; disown "$PROXY"; PIDS+=("$PROXY")
  log "(a) database proxy started again"
  wait "$LOADER" || true
  sql "drop table if exists a_answers; create table a_answers (lead_id text primary key, status int)"
  psql -d "$DB" -Xq -c "\\copy a_answers from '$WORK/a.ids' with (format text, delimiter ' ')"
  A_2XX=$(sql "select count(*) from a_answers where status between 200 and 299")
  A_503=$(sql "select count(*) from a_answers where status = 503")
  A_OTHER=$(sql "select count(*) from a_answers where status not between 200 and 299 and status <> 503")
  A_OTHER_DETAIL=$(sql "select coalesce(string_agg(status || ': ' || n, ', '), '') from (select status, count(*) n from a_answers
                        where status not between 200 and 299 and status <> 503 group by status) s")
  A_LOST=$(sql "select count(*) from a_answers a where status between 200 and 299
                and not exists (select 1 from thumbtack.lead l where l.lead_id = a.lead_id)")
  A_503_STORED=$(sql "select count(*) from a_answers a where status not between 200 and 299 and exists (select 1 from thumbtack.lead l where l.lead_id = a.lead_id)")
  A_WINDOW=$(sql "select coalesce(round(min(substr(lead_id, length('$AP') + 1)::int) / 100.0, 1) || ' s to ' || round(max(substr(lead_id, length('$AP') + 1)::int) / 100.0, 1) || ' s', 'none')
                 from a_answers where status not between 200 and 299")
  sql "select lead_id from a_answers where status not between 200 and 299" >"$WORK/a.redeliver"
  java "$BENCH_DIR/Load.java" each "http://127.0.0.1:$PORT/v1/lead" "$WEBHOOK_AUTH" "$BENCH_DIR/lead.json" "$WORK/a.redeliver" >"$WORK/a.re1"
  java "$BENCH_DIR/Load.java" each "http://127.0.0.1:$PORT/v1/lead" "$WEBHOOK_AUTH" "$BENCH_DIR/lead.json" "$WORK/a.redeliver" >"$WORK/a.re2"
  RE1_STORED=$(grep -c '200 {"status":"stored"}' "$WORK/a.re1" || true)
  RE1_DUP=$(grep -c '200 {"status":"duplicate"}' "$WORK/a.re1" || true)
  RE2_DUP=$(grep -c '200 {"status":"duplicate"}' "$WORK/a.re2" || true)
  RE_N=$(grep -c . "$WORK/a.redeliver" || true)
  A_DUPS=$(sql "select count(*) from (select lead_id from thumbtack.event where type = 'lead.received'
                and lead_id like '$AP%' group by lead_id having count(*) > 1) d")
  A_MISSING=$(sql "select count(*) from a_answers a where not exists (select 1 from thumbtack.lead l where l.lead_id = a.lead_id)")
  A_HALF=$(sql "select count(*) from thumbtack.lead l where l.lead_id like '$AP%' and (
                l.payload is null
             or jsonb_array_length(l.details) is distinct from 2
             or jsonb_array_length(l.attachments) is distinct from 1
             or (select count(*) from thumbtack.event e where e.lead_id = l.lead_id and e.type = 'lead.received') <> 1)")
  result "(a) database outage: $(( A_2XX + A_503 + A_OTHER )) leads sent; $A_2XX answered 2xx, $A_503 answered 503 (due from $A_WINDOW into the load; the proxy was down for ~7 s of it), $A_OTHER other${A_OTHER_DETAIL:+ ($A_OTHER_DETAIL)}; 2xx leads missing after recovery: $A_LOST; non-2xx leads already stored: $A_503_STORED"
  result "(a) re-delivery of the $RE_N non-2xx leads: first $RE1_STORED stored + $RE1_DUP duplicate, second $RE2_DUP duplicate; leads missing in the end: $A_MISSING; leads with more than one event: $A_DUPS; half-stored leads: $A_HALF"
  stop_pid "$SVC_PID_a"; stop_pid "$PROXY"
  ;;
b)
  # --- (b) Thumbtack down: a 503 storm, then timeouts, then back ----------------------------------
  PORT=$(free_port)
  stub_reset 20
  start_service b "$PORT" 5432
  connect_business "$PORT" "$BUSINESS"
  stub "/_control?mode=503" >/dev/null
  queue_messages 200 "$BUSINESS" "fault-b"
  curl -s -o /dev/null -u "$PARTNER_AUTH" -H 'Content-Type: application/json' -d '{"text":"fault-b wake"}' \
    "http://127.0.0.1:$PORT/api/v1/businesses/$BUSINESS/leads/lead-wake/messages"
  log "(b) Thumbtack answers 503 for 15 s"
  sleep 15
  stub "/_control?mode=hang" >/dev/null
  log "(b) Thumbtack does not answer for 20 s"
  sleep 20
  stub "/_control?mode=ok" >/dev/null
  ATTEMPTS_DOWN=$(stub_stat "['attempts']")
  log "(b) Thumbtack is back ($ATTEMPTS_DOWN send attempts during the outage)"
  B_MS=$(wait_sql "select count(*) from thumbtack.outbound_message where text like 'fault-b%' and status <> 'PENDING'" 201 300 || echo timeout)
  outbox_report "(b) Thumbtack outage (35 s) then back" "fault-b" 201
  result "(b) every message settled (SENT or FAILED) $(secs "$B_MS") after Thumbtack came back; send attempts during the outage: $ATTEMPTS_DOWN"
  stop_pid "$SVC_PID_b"
  ;;
c)
  # --- (c) kill -9 while messages are being sent, then restart -------------------------------------
  PORT=$(free_port)
  stub_reset 50
  start_service c "$PORT" 5432
  connect_business "$PORT" "$BUSINESS"
  queue_messages 500 "$BUSINESS" "fault-c"
  T0=$(date +%s%N)
  curl -s -o /dev/null -u "$PARTNER_AUTH" -H 'Content-Type: application/json' -d '{"text":"fault-c wake"}' \
    "http://127.0.0.1:$PORT/api/v1/businesses/$BUSINESS/leads/lead-wake/messages"
  sleep 1.5
  stop_pid "$SVC_PID_c" KILL
  sleep 0.3   # requests in flight at the kill still reach Thumbtack (as they would in reality)
  C_SENT_AT_KILL=$(sql "select count(*) from thumbtack.outbound_message where text like 'fault-c%' and status = 'SENT'")
  C_LEASED=$(sql "select count(*) from thumbtack.outbound_message where text like 'fault-c%' and status = 'PENDING' and lease_owner is not null")
  read -r C_DISTINCT_AT_KILL _ _ < <(stub_counts "fault-c")
  log "(c) killed: $C_SENT_AT_KILL recorded SENT, $C_DISTINCT_AT_KILL delivered, $C_LEASED leased by the dead process"
  start_service c2 "$PORT" 5432
  C_MS=$(wait_sql "select count(*) from thumbtack.outbound_message where text like 'fault-c%' and status = 'SENT'" 501 180 || echo timeout)
  outbox_report "(c) kill -9 during sending, restart" "fault-c" 501
  result "(c) at the kill: $C_SENT_AT_KILL recorded SENT, $C_DISTINCT_AT_KILL delivered to Thumbtack (the difference was delivered but not yet recorded), $C_LEASED under the dead process's lease; all SENT $(secs "$C_MS") after the restart began (a dead process's lease runs out after gateway.outbox.lease, 60 s)"
  stop_pid "$SVC_PID_c2"
  ;;
d)
  # --- (d) two instances on one database -----------------------------------------------------------
  stub_reset 20
  P1=$(free_port); P2=$(free_port)
  start_service d1 "$P1" 5432 GATEWAY_REFRESH_INTERVAL=1s
  start_service d2 "$P2" 5432 GATEWAY_REFRESH_INTERVAL=1s
  connect_business "$P2" "$BUSINESS"
  # 20 connections whose access tokens live 8 s: the refresh job (every second on both instances) takes
  # them once 4 s have passed (half the life); the tokens the refreshes hand out live an hour, so each
  # connection must be refreshed exactly once, by one of the two instances.
  stub "/_reset" >/dev/null
  stub "/_control?expires_in=8" >/dev/null
  for i in $(seq 1 20); do connect_business "$(( i % 2 ? P1 : P2 ))" "90000000000000$((1000 + i))"; done
  stub "/_control?expires_in=3600" >/dev/null
  queue_messages 200 "$BUSINESS" "fault-d"
  for p in "$P1" "$P2"; do
    curl -s -o /dev/null -u "$PARTNER_AUTH" -H 'Content-Type: application/json' -d "{\"text\":\"fault-d wake $p\"}" \
      "http://127.0.0.1:$p/api/v1/businesses/$BUSINESS/leads/lead-wake/messages"
  done
  wait_sql "select count(*) from thumbtack.outbound_message where text like 'fault-d%' and status = 'SENT'" 202 120 >/dev/null || true
  sleep 10   # several refresh-job runs on both instances after the 20 became due
  outbox_report "(d) two instances, one database" "fault-d" 202
  metric() { curl -s "http://127.0.0.1:$1/q/metrics" | sed -n "s/^$2{outcome=\"$3\"[^}]*} \([0-9.]*\).*/\1/p" | head -1 | cut -d. -f1; }
  D_SENT1=$(metric "$P1" thumbtack_outbound_sends_total sent); D_SENT2=$(metric "$P2" thumbtack_outbound_sends_total sent)
  D_REF1=$(metric "$P1" thumbtack_token_refreshes_total refreshed); D_REF2=$(metric "$P2" thumbtack_token_refreshes_total refreshed)
  REFRESHES=$(curl -s "http://127.0.0.1:$STUB_PORT/_stats" | python3 -c "
import json, sys
r = json.load(sys.stdin)['refreshes']   # refresh token presented -> times
per_business = {}
for token, times in r.items():
    per_business[token.split('-')[1]] = per_business.get(token.split('-')[1], 0) + times
print(len(per_business), sum(r.values()), sum(1 for v in r.values() if v > 1), sum(1 for v in per_business.values() if v != 1))")
  read -r R_BUSINESSES R_CALLS R_REUSED R_NOT_ONCE <<<"$REFRESHES"
  result "(d) token refresh: 20 connections due for refresh, refresh job every 1 s on both instances: $R_CALLS refresh calls for $R_BUSINESSES businesses; businesses not refreshed exactly once: $R_NOT_ONCE; refresh tokens presented more than once: $R_REUSED; split between the instances: sends ${D_SENT1:-0} + ${D_SENT2:-0}, refreshes ${D_REF1:-0} + ${D_REF2:-0}"
  stop_pid "$SVC_PID_d1"; stop_pid "$SVC_PID_d2"
  ;;
e)
  # --- (e) hostile input (the fuzz loop lives in the test suite) ------------------------------------
  log "(e) running HostileInputTest"
  if (cd "$ROOT" && TEST_DB_SCHEMA="${TEST_DB_SCHEMA:-thumbtack_faults}" ./mvnw -B test -Dtest=HostileInputTest >"$WORK/e.log" 2>&1); then
    result "(e) hostile input: $(sed -n 's/.*HostileInputTest: //p' "$WORK/e.log" | head -1); no 5xx, no row for a rejected body, every accepted body stored whole (HostileInputTest passed)"
  else
    result "(e) hostile input: HostileInputTest FAILED (see $WORK/e.log)"
    KEEP_WORK=1
  fi
  ;;
f)
  # --- (f) a long Thumbtack outage with a large backlog: what the queue costs the database ---------
  OUTAGE_S="${OUTAGE_S:-300}"; BACKLOG="${OUTBOX_BACKLOG:-20000}"
  PORT=$(free_port)
  stub_reset 20
  start_service f "$PORT" 5432
  connect_business "$PORT" "$BUSINESS"
  stub "/_control?mode=503" >/dev/null
  queue_messages "$BACKLOG" "$BUSINESS" "fault-f"
  # Writes to the queue (n_tup_ins + n_tup_upd + n_tup_del of outbound_message) and to the whole
  # database (tup_inserted + tup_updated + tup_deleted), as PostgreSQL's statistics count them.
  writes() {
    sql "select (select n_tup_ins + n_tup_upd + n_tup_del from pg_stat_user_tables
                 where schemaname = 'thumbtack' and relname = 'outbound_message')
             || ' ' || (select tup_inserted + tup_updated + tup_deleted from pg_stat_database where datname = current_database())"
  }
  curl -s -o /dev/null -u "$PARTNER_AUTH" -H 'Content-Type: application/json' -d '{"text":"fault-f wake"}' \
    "http://127.0.0.1:$PORT/api/v1/businesses/$BUSINESS/leads/lead-wake/messages"
  log "(f) Thumbtack answers 503 for $OUTAGE_S s with $BACKLOG messages queued; the first 10 s open the send breaker"
  sleep 10
  read -r Q0 D0 < <(writes); T0=$(date +%s%N)
  : >"$WORK/f.samples"
  END=$(( $(date +%s) + OUTAGE_S - 10 ))
  while (( $(date +%s) < END )); do
    sleep 1
    echo "$(date +%s%N) $(writes)" >>"$WORK/f.samples"
  done
  read -r Q1 D1 < <(writes); T1=$(date +%s%N)
  F_ATTEMPTS=$(stub_stat "['attempts']")
  stub "/_control?mode=ok" >/dev/null
  log "(f) Thumbtack is back ($F_ATTEMPTS send attempts during the outage)"
  F_PEAK=$(python3 - "$WORK/f.samples" <<'PYEOF'
import sys
rows = [tuple(map(int, l.split())) for l in open(sys.argv[1]) if len(l.split()) == 3]
rates = [(b[1] - a[1]) * 1e9 / (b[0] - a[0]) for a, b in zip(rows, rows[1:]) if b[0] > a[0]]
print(f"{max(rates, default=0):.0f}")
PYEOF
)
  F_SECS=$(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.0f", (b - a) / 1e9 }')
  F_QRATE=$(awk -v a="$Q0" -v b="$Q1" -v s="$F_SECS" 'BEGIN { printf "%.1f", (b - a) / s }')
  F_DRATE=$(awk -v a="$D0" -v b="$D1" -v s="$F_SECS" 'BEGIN { printf "%.1f", (b - a) / s }')
  F_MS=$(wait_sql "select count(*) from thumbtack.outbound_message where text like 'fault-f%' and status <> 'PENDING'" $(( BACKLOG + 1 )) 900 || echo timeout)
  outbox_report "(f) Thumbtack outage ($OUTAGE_S s) with $BACKLOG queued, then back" "fault-f" $(( BACKLOG + 1 ))
  result "(f) database writes during the outage (measured over $F_SECS s, from 10 s in): outbound_message $F_QRATE rows/s, whole database $F_DRATE rows/s (highest 1-s sample of the queue: $F_PEAK rows/s); send attempts during the outage: $F_ATTEMPTS; every message settled $(secs "$F_MS") after Thumbtack came back"
  stop_pid "$SVC_PID_f"
  ;;
esac
done

mkdir -p "$BENCH_DIR/results"
if [[ "${CASES[*]}" == "a b c d e" ]]; then SUFFIX=""; else SUFFIX="-$(IFS=; echo "${CASES[*]}")"; fi
OUT="$BENCH_DIR/results/$(date +%F)-faults$SUFFIX.md"
if [[ -e "$OUT" ]]; then OUT="${OUT%.md}-$(date +%H%M).md"; fi   # an earlier run of the day stays
{
  echo "# Fault tests $(date '+%F %H:%M')"
  echo
  echo "Built from commit $(git -C "$ROOT" rev-parse --short HEAD)${BENCH_JAR:+ (but measured: $BENCH_JAR)}; stub Thumbtack and a TCP proxy on 127.0.0.1; load average $(cut -d' ' -f1 /proc/loadavg)."
  echo
  for r in "${RESULTS[@]}"; do echo "- $r"; done
} >"$OUT"
cat "$OUT"
log "written to $OUT"
