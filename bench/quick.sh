#!/usr/bin/env bash
# Quick iteration on POST /v1/lead throughput: fresh database, service jar (prod profile), wrk warm-up
# then one measured run; prints wrk's figures and the CPU seconds the service and PostgreSQL used.
#   bench/quick.sh [CONNECTIONS] [SECONDS] [ENV=VALUE ...]   (SKIP_BUILD=1 reuses the jar; WARM_S=10 warm-up)
source "$(dirname "$0")/lib.sh"
CONN="${1:-64}"; RUN_S="${2:-20}"; shift 2 || true
command -v wrk >/dev/null || { log "installing wrk (Debian package)"; apt-get install -y -qq wrk >/dev/null; }
build_jar
make_db
start_stub "$(free_port)" 50
PORT=$(free_port)
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-$BENCH_DEFAULT_JAVA_OPTS}" start_service svc "$PORT" 5432 "$@"
AUTH64=$(printf '%s' "$WEBHOOK_AUTH" | base64 -w0)
URL="http://127.0.0.1:$PORT/v1/lead"
wrk -t2 -c"$CONN" -d"${WARM_S:-10}"s -s "$BENCH_DIR/lead.lua" "$URL" -- "$BENCH_DIR/lead.json" warm "$AUTH64" >/dev/null
cpu() { # utime+stime ticks of the service and of every postgres backend
  local j p
  j=$(awk '{print $14+$15}' "/proc/$SVC_PID_svc/stat")
  p=$(for f in $(pgrep -u postgres); do awk '{print $14+$15}' "/proc/$f/stat" 2>/dev/null; done | awk '{s+=$1} END{print s}')
  echo "$j $p"
}
read -r j0 p0 < <(cpu)
wrk -t2 -c"$CONN" -d"$RUN_S"s -s "$BENCH_DIR/lead.lua" "$URL" -- "$BENCH_DIR/lead.json" run "$AUTH64" | sed -n 's/^WRKJSON //p'
read -r j1 p1 < <(cpu)
hz=$(getconf CLK_TCK)
echo "cpu seconds: service $(( (j1 - j0) / hz )), postgres $(( (p1 - p0) / hz )) over ${RUN_S}s"
echo "leads stored: $(sql 'select count(*) from thumbtack.lead')"
