#!/usr/bin/env bash
# Profiles POST /v1/lead under wrk load with Java Flight Recorder and prints the hottest methods.
#   bench/profile.sh [CONNECTIONS] [SECONDS]     (defaults 16, 20; SKIP_BUILD=1 reuses the jar)
# The recording is kept as bench/results/profile-<time>.jfr (open it in JDK Mission Control too).
source "$(dirname "$0")/lib.sh"
CONN="${1:-16}"
RUN_S="${2:-20}"
build_jar
make_db
start_stub "$(free_port)" 50
PORT=$(free_port)
mkdir -p "$BENCH_DIR/results"
JFR_FILE="$BENCH_DIR/results/profile-$(date +%Y%m%d-%H%M%S).jfr"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -XX:StartFlightRecording=name=bench,settings=profile" start_service svc "$PORT" 5432
AUTH64=$(printf '%s' "$WEBHOOK_AUTH" | base64 -w0)
wrk -t2 -c"$CONN" -d10s -s "$BENCH_DIR/lead.lua" "http://127.0.0.1:$PORT/v1/lead" -- "$BENCH_DIR/lead.json" warm "$AUTH64" \
  | sed -n 's/^WRKJSON /warm-up /p'
jcmd "$SVC_PID_svc" JFR.stop name=bench >/dev/null
jcmd "$SVC_PID_svc" JFR.start name=measured settings=profile >/dev/null
wrk -t2 -c"$CONN" -d"$RUN_S"s -s "$BENCH_DIR/lead.lua" "http://127.0.0.1:$PORT/v1/lead" -- "$BENCH_DIR/lead.json" run "$AUTH64" \
  | sed -n 's/^WRKJSON /measured /p'
jcmd "$SVC_PID_svc" JFR.dump name=measured filename="$JFR_FILE" >/dev/null
python3 "$BENCH_DIR/jfr_top.py" "$JFR_FILE" 25
log "recording: $JFR_FILE"
