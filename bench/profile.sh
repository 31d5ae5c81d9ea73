#!/usr/bin/env bash
# Profiles lead intake under wrk load and prints the hottest methods.
#   bench/profile.sh [CONNECTIONS] [SECONDS]     (defaults 16, 20; SKIP_BUILD=1 reuses the jar; WARM_S=45
#                                                the warm-up, as quick.sh's: after 10 s the JIT compilers
#                                                still took a third of the service's CPU)
#   V4=1 bench/profile.sh ...                    v4 NegotiationCreatedV4 deliveries to POST /v4/webhooks
#   PROFILER=async bench/profile.sh ...          async-profiler instead of Java Flight Recorder
#   PROFILER=async AP_EVENT=alloc bench/profile.sh ...   what allocates, instead of CPU time
# JFR: the recording is kept as bench/results/profile-<time>.jfr (open it in JDK Mission Control too).
# async-profiler (tools.profiler:async-profiler from Maven Central, fetched into target/) is attached
# after the warm-up and samples the measured run only, Java and native frames (the JIT compilers, the
# collector, the kernel's side of system calls) alike; it writes collapsed stacks to
# bench/results/profile-<time>.collapsed (one line per stack; bench/profile_top.py summarises them).
source "$(dirname "$0")/lib.sh"
CONN="${1:-16}"
command -v wrk >/dev/null || { log "installing wrk (Debian package)"; apt-get install -y -qq wrk >/dev/null; }
RUN_S="${2:-20}"
case "${PROFILER:-jfr}" in jfr|async) ;; *) log "PROFILER is jfr or async, not ${PROFILER}"; exit 2 ;; esac
AP_VERSION=4.1
AP_LIB="$ROOT/target/async-profiler-$AP_VERSION/linux-x64/libasyncProfiler.so"
if [[ "${PROFILER:-jfr}" == async && ! -f "$AP_LIB" ]]; then
  log "fetching async-profiler $AP_VERSION from Maven Central"
  (cd "$ROOT" && ./mvnw -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$AP_VERSION:jar:linux-x64" \
    -DoutputDirectory="target/async-profiler-$AP_VERSION")
  (cd "$ROOT/target/async-profiler-$AP_VERSION" && unzip -o -q "async-profiler-$AP_VERSION-linux-x64.jar" 'linux-x64/*')
fi
build_jar
make_db
start_stub "$(free_port)" 50
PORT=$(free_port)
mkdir -p "$BENCH_DIR/results"
STAMP=$(date +%Y%m%d-%H%M%S)
# The packaged JVM options, as quick.sh and run.sh run the service (BENCH_JAVA_OPTS replaces them).
JAVA_OPTS_USED="${BENCH_JAVA_OPTS:-$BENCH_DEFAULT_JAVA_OPTS}"
if [[ "${PROFILER:-jfr}" == async ]]; then
  BENCH_JAVA_OPTS="$JAVA_OPTS_USED" start_service svc "$PORT" 5432
else
  BENCH_JAVA_OPTS="$JAVA_OPTS_USED -XX:StartFlightRecording=name=bench,settings=profile" start_service svc "$PORT" 5432
fi
AUTH64=$(printf '%s' "$WEBHOOK_AUTH" | base64 -w0)
BODY="$BENCH_DIR/lead.json"
LEAD_PATH=/v1/lead
if [[ -n "${V4:-}" ]]; then
  v4_webhook
  AUTH64=$V4_AUTH64
  BODY=$V4_BODY
  LEAD_PATH=/v4/webhooks
fi
wrk -t2 -c"$CONN" -d"${WARM_S:-45}"s -s "$BENCH_DIR/lead.lua" "http://127.0.0.1:$PORT$LEAD_PATH" -- "$BODY" warm "$AUTH64" "$LEAD_PATH" \
  | sed -n 's/^WRKJSON /warm-up /p'
# jcmd reads name=value pairs in its arguments: the agent's options go quoted, as one value. jcmd itself
# exits 0 when the agent refuses its options; the agent's answer is its "return code".
ap() {
  local answer
  answer=$(jcmd "$SVC_PID_svc" JVMTI.agent_load "$AP_LIB" "\"$1\"" 2>&1) || true
  grep -q '^return code: 0$' <<<"$answer" || { log "async-profiler refused \"$1\": $answer"; exit 1; }
}
if [[ "${PROFILER:-jfr}" == async ]]; then
  if [[ "${AP_EVENT:-cpu}" == alloc ]]; then AP_OPTS="event=alloc,alloc=64k"; else AP_OPTS="event=ctimer,interval=1ms"; fi
  ap "start,$AP_OPTS"
else
  jcmd "$SVC_PID_svc" JFR.stop name=bench >/dev/null
  jcmd "$SVC_PID_svc" JFR.start name=measured settings=profile >/dev/null
fi
wrk -t2 -c"$CONN" -d"$RUN_S"s -s "$BENCH_DIR/lead.lua" "http://127.0.0.1:$PORT$LEAD_PATH" -- "$BODY" run "$AUTH64" "$LEAD_PATH" \
  | sed -n 's/^WRKJSON /measured /p'
if [[ "${PROFILER:-jfr}" == async ]]; then
  OUT="$BENCH_DIR/results/profile-$STAMP.collapsed"
  ap "stop,file=$OUT,collapsed"
  python3 "$BENCH_DIR/profile_top.py" "$OUT" 25
  log "stacks: $OUT"
else
  JFR_FILE="$BENCH_DIR/results/profile-$STAMP.jfr"
  jcmd "$SVC_PID_svc" JFR.dump name=measured filename="$JFR_FILE" >/dev/null
  python3 "$BENCH_DIR/profile_top.py" "$JFR_FILE" 25
  log "recording: $JFR_FILE"
fi
