#!/usr/bin/env bash
# Profiles lead intake under wrk load with Java Flight Recorder and prints the hottest methods.
#   bench/profile.sh [CONNECTIONS] [SECONDS]     (defaults 16, 20; SKIP_BUILD=1 reuses the jar)
#   V4=1 bench/profile.sh ...                    v4 NegotiationCreatedV4 deliveries to POST /v4/webhooks
# The recording is kept as bench/results/profile-<time>.jfr (open it in JDK Mission Control too).
source "$(dirname "$0")/lib.sh"
CONN="${1:-16}"
command -v wrk >/dev/null || { log "installing wrk (Debian package)"; apt-get install -y -qq wrk >/dev/null; }
RUN_S="${2:-20}"
build_jar
make_db
start_stub "$(free_port)" 50
PORT=$(free_port)
mkdir -p "$BENCH_DIR/results"
JFR_FILE="$BENCH_DIR/results/profile-$(date +%Y%m%d-%H%M%S).jfr"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -XX:StartFlightRecording=name=bench,settings=profile" start_service svc "$PORT" 5432
AUTH64=$(printf '%s' "$WEBHOOK_AUTH" | base64 -w0)
BODY="$BENCH_DIR/lead.json"
LEAD_PATH=/v1/lead
if [[ -n "${V4:-}" ]]; then
  v4_webhook
  AUTH64=$V4_AUTH64
  BODY=$V4_BODY
  LEAD_PATH=/v4/webhooks
fi
wrk -t2 -c"$CONN" -d10s -s "$BENCH_DIR/lead.lua" "http://127.0.0.1:$PORT$LEAD_PATH" -- "$BODY" warm "$AUTH64" "$LEAD_PATH" \
  | sed -n 's/^WRKJSON /warm-up /p'
jcmd "$SVC_PID_svc" JFR.stop name=bench >/dev/null
jcmd "$SVC_PID_svc" JFR.start name=measured settings=profile >/dev/null
wrk -t2 -c"$CONN" -d"$RUN_S"s -s "$BENCH_DIR/lead.lua" "http://127.0.0.1:$PORT$LEAD_PATH" -- "$BODY" run "$AUTH64" "$LEAD_PATH" \
  | sed -n 's/^WRKJSON /measured /p'
jcmd "$SVC_PID_svc" JFR.dump name=measured filename="$JFR_FILE" >/dev/null
python3 "$BENCH_DIR/jfr_top.py" "$JFR_FILE" 25
log "recording: $JFR_FILE"
