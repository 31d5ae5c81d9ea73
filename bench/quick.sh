#!/usr/bin/env bash
# Quick iteration on POST /v1/lead throughput: fresh database, service jar (prod profile), wrk warm-up
# then one measured run; prints wrk's figures, the heap allocated, the CPU (the service's, of it its JIT
# compiler's, and PostgreSQL's) and the WAL per stored lead, and the RSS and GC pauses at the end. The
# warm-up is as long as run.sh's: with 10 s the JIT compiler still took a third of the service's CPU in
# the measured run.
#   bench/quick.sh [CONNECTIONS] [SECONDS] [ENV=VALUE ...]   (SKIP_BUILD=1 reuses the jar; WARM_S=45 warm-up)
#   V4=1 bench/quick.sh ...                                  v4 NegotiationCreatedV4 deliveries to /v4/webhooks
source "$(dirname "$0")/lib.sh"
CONN="${1:-64}"; RUN_S="${2:-20}"; shift 2 || true
command -v wrk >/dev/null || { log "installing wrk (Debian package)"; apt-get install -y -qq wrk >/dev/null; }
build_jar
make_db
start_stub "$(free_port)" 50
PORT=$(free_port)
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-$BENCH_DEFAULT_JAVA_OPTS}" start_service svc "$PORT" 5432 "$@"
AUTH64=$(printf '%s' "$WEBHOOK_AUTH" | base64 -w0)
BODY="$BENCH_DIR/lead.json"
LEAD_PATH=/v1/lead
if [[ -n "${V4:-}" ]]; then
  v4_webhook
  AUTH64=$V4_AUTH64; BODY=$V4_BODY; LEAD_PATH=/v4/webhooks
fi
URL="http://127.0.0.1:$PORT$LEAD_PATH"
wrk -t2 -c"$CONN" -d"${WARM_S:-45}"s -s "$BENCH_DIR/lead.lua" "$URL" -- "$BODY" warm "$AUTH64" "$LEAD_PATH" >/dev/null
g0=$(wc -l <"$WORK/svc.gc.log")
measured_cpu wrk -t2 -c"$CONN" -d"$RUN_S"s -s "$BENCH_DIR/lead.lua" "$URL" -- "$BODY" run "$AUTH64" "$LEAD_PATH" \
  | sed -n 's/^WRKJSON //p'
n=$(cat "$WORK/cpu.leads")
echo "heap allocated per stored lead: $(( $(gc_allocated "$WORK/svc.gc.log" "$g0") * 1048576 / (n > 0 ? n : 1) )) bytes"
echo "leads stored in the measured run: $n; cpu per stored lead: $(cpu_words "$(cat "$WORK/cpu.last")")"
echo "WAL per stored lead: $(cat "$WORK/wal.last")"
echo "RSS after the load: $(( $(ps -o rss= -p "$SVC_PID_svc") / 1024 )) MB; garbage collection in the whole run: $(gc_summary "$WORK/svc.gc.log")"
