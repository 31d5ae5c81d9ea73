# Shared by bench/run.sh and bench/faults.sh (sourced). Everything listens on 127.0.0.1 only, every
# wait is bounded, and every process started here is stopped by its own pid on exit.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
JAR="${BENCH_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}"   # BENCH_JAR: measure another build
PGHOST=127.0.0.1
PGUSER=postgres
export PGHOST PGUSER
WORK="$(mktemp -d /tmp/ttbench.XXXXXX)"
PIDS=()
DB=""

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

random_secret() { head -c "${1:-24}" /dev/urandom | base64 -w0 | tr -d '/+=' ; }

cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  sleep 1
  for pid in "${PIDS[@]}"; do
    kill -9 "$pid" 2>/dev/null || true
  done
  if [[ -n "$DB" && -z "${KEEP_DB:-}" ]]; then
    dropdb --force "$DB" 2>/dev/null || log "could not drop database $DB"
  fi
  if [[ -z "${KEEP_WORK:-}" ]]; then rm -rf "$WORK"; else log "work files kept in $WORK"; fi
  exit $rc
}
trap cleanup EXIT INT TERM

build_jar() {
  if [[ -z "${BENCH_JAR:-}" ]] && [[ -z "${SKIP_BUILD:-}" || ! -f "$JAR" ]]; then
    log "building the jar"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
  fi
}

make_db() {
  DB="ttbench_$(date +%Y%m%d_%H%M%S)_$$"
  createdb "$DB"
  log "database $DB created"
}

sql() { psql -d "$DB" -XAtq -v ON_ERROR_STOP=1 -c "$1"; }

# start_stub PORT [DELAY_MS]
start_stub() {
  STUB_PORT="$1"
  python3 "$BENCH_DIR/stub_thumbtack.py" --port "$STUB_PORT" --delay-ms "${2:-50}" >"$WORK/stub.log" 2>&1 &
  STUB_PID=$!
  disown "$STUB_PID"
  PIDS+=("$STUB_PID")
  wait_http "http://127.0.0.1:$STUB_PORT/_stats" 200 10
}

stub() { curl -s -X POST "http://127.0.0.1:$STUB_PORT$1"; }
stub_stat() { curl -s "http://127.0.0.1:$STUB_PORT/_stats" | python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# wait_http URL STATUS SECONDS
wait_http() {
  local deadline=$(( $(date +%s) + $3 ))
  while (( $(date +%s) < deadline )); do
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" == "$2" ]]; then return 0; fi
    sleep 0.02
  done
  log "timed out waiting for $1 to answer $2"
  return 1
}

# JVM options of run.sh and quick.sh unless BENCH_JAVA_OPTS says otherwise (docs/bench.md, JVM options):
# a fixed 80 MiB heap (26 MB live after a full collection under load, plus the lead queue's 16M bound;
# the 08:17 run showed metaspace-triggered full collections without MetaspaceSize), the serial collector
# (one core's worth of GC work on this 2-core machine; no GC worker threads and ~13 MB less native memory
# than the parallel one), the native heap trimmed every 5 s (glibc keeps what the JIT compilers and a
# burst of outbound sends freed; an experimental option before JDK 17.0.12, hence the unlock), Quarkus'
# AppCDS archive when the build wrote one (quarkus.package.jar.appcds.enabled), and glibc limited to 2
# malloc arenas (in start_service below).
BENCH_DEFAULT_JAVA_OPTS="-Xms80m -Xmx80m -XX:MetaspaceSize=100m -XX:+UseSerialGC -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000 -XX:SharedArchiveFile=app-cds.jsa"

WEBHOOK_PASSWORD="$(random_secret 24)"
PARTNER_API_PASSWORD="$(random_secret 24)"
TOKEN_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64 -w0)"
THUMBTACK_CLIENT_SECRET="$(random_secret 24)"
THUMBTACK_V4_CLIENT_SECRET="$(random_secret 24)"
WEBHOOK_AUTH="thumbtack:$WEBHOOK_PASSWORD"
PARTNER_AUTH="partner:$PARTNER_API_PASSWORD"

# start_service NAME HTTP_PORT DB_PORT [extra env assignments...]; sets SVC_PID_<NAME>, prints
# milliseconds from process start to /q/health/ready = 200 into $WORK/<NAME>.ready_ms.
# The JVM runs in the jar's directory: Quarkus' AppCDS archive (target/quarkus-app/app-cds.jsa) names
# the class path relative to it. -XX:SharedArchiveFile=app-cds.jsa is dropped from the options when
# that build has no archive (a missing archive would switch off the JDK's own CDS as well).
start_service() {
  local name="$1" port="$2" dbport="$3"
  shift 3
  local t0 jar_dir opts
  jar_dir="$(cd "$(dirname "$JAR")" && pwd)"
  opts="${BENCH_JAVA_OPTS:-}"
  if [[ ! -f "$jar_dir/app-cds.jsa" ]]; then opts="${opts//-XX:SharedArchiveFile=app-cds.jsa/}"; fi
  t0=$(date +%s%N)
  (cd "$jar_dir" && exec env MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" THUMBTACK_CLIENT_ID=bench-client THUMBTACK_CLIENT_SECRET="$THUMBTACK_CLIENT_SECRET" \
    THUMBTACK_REDIRECT_URI="http://127.0.0.1:$port/oauth/callback" \
    THUMBTACK_API_URL="http://127.0.0.1:$STUB_PORT" \
    THUMBTACK_V4_CLIENT_ID=bench-v4-client THUMBTACK_V4_CLIENT_SECRET="$THUMBTACK_V4_CLIENT_SECRET" \
    THUMBTACK_V4_REDIRECT_URI="http://127.0.0.1:$port/oauth/v4/callback" THUMBTACK_V4_API_URL="http://127.0.0.1:$STUB_PORT" \
    THUMBTACK_V4_AUTH_URL="http://127.0.0.1:$STUB_PORT" GATEWAY_PUBLIC_URL="http://127.0.0.1:$port" \
    WEBHOOK_PASSWORD="$WEBHOOK_PASSWORD" PARTNER_API_PASSWORD="$PARTNER_API_PASSWORD" \
    TOKEN_ENCRYPTION_KEY="$TOKEN_ENCRYPTION_KEY" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$dbport/$DB" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$dbport/$DB" \
    QUARKUS_DATASOURCE_USERNAME=postgres GATEWAY_DB_SCHEMA=thumbtack \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" QUARKUS_SHUTDOWN_DELAY=0S "$@" \
    java $opts -Xlog:gc:file="$WORK/$name.gc.log" -jar "$(basename "$JAR")") >>"$WORK/$name.log" 2>&1 &
  local pid=$!   # the subshell execs env, which execs java: the same process
  disown "$pid"   # stopped by pid in cleanup; no job-control noise when one is killed on purpose
  PIDS+=("$pid")
  printf -v "SVC_PID_$name" '%s' "$pid"
  if ! wait_http "http://127.0.0.1:$port/q/health/ready" 200 90; then
    tail -20 "$WORK/$name.log" >&2
    return 1
  fi
  echo $(( ($(date +%s%N) - t0) / 1000000 )) >"$WORK/$name.ready_ms"
  log "service $name (pid $pid) ready on port $port after $(cat "$WORK/$name.ready_ms") ms"
}

# connect_business HTTP_PORT BUSINESS_PK: the manual OAuth flow against the stub
# (retried for up to 60 s: after an overload phase the service may still work off requests whose
# clients gave up, and answer 503 meanwhile)
connect_business() {
  local code deadline=$(( $(date +%s) + 60 ))
  while (( $(date +%s) < deadline )); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -u "$PARTNER_AUTH" -H 'Content-Type: application/json' \
      -d "{\"code\":\"bench-$2\"}" "http://127.0.0.1:$1/api/v1/connections")
    [[ "$code" == 201 ]] && return 0
    sleep 1
  done
  log "connect answered $code"
  return 1
}

# queue_messages COUNT BUSINESS_PK PREFIX: pending outbound rows straight in the table (one transaction)
queue_messages() {
  sql "insert into thumbtack.outbound_message (id, business_id, lead_id, text, status, next_attempt_at,
         created_at, updated_at)
       select gen_random_uuid(), '$2', 'lead-' || g, '$3 ' || g, 'PENDING', now(), now(), now()
       from generate_series(1, $1) g"
}

# wait_sql QUERY EXPECTED SECONDS: polls until the query prints EXPECTED; prints elapsed ms
wait_sql() {
  local t0 deadline
  t0=$(date +%s%N)
  deadline=$(( $(date +%s) + $3 ))
  while (( $(date +%s) < deadline )); do
    if [[ "$(sql "$1")" == "$2" ]]; then
      echo $(( ($(date +%s%N) - t0) / 1000000 ))
      return 0
    fi
    sleep 0.05
  done
  return 1
}

# gc_summary FILE: "N pauses, X ms in total, longest Y ms" from a -Xlog:gc file
gc_summary() {
  python3 - "$1" <<'EOF'
import re, sys
pauses = [float(m.group(1)) for line in open(sys.argv[1]) for m in [re.search(r"Pause.* ([0-9.]+)ms$", line.strip())] if m]
print(f"{len(pauses)} pauses, {sum(pauses):.0f} ms in total, longest {max(pauses, default=0):.0f} ms")
EOF
}

# cpu_ticks PID: "ALL JIT VM" utime+stime clock ticks of a JVM: the whole process, its JIT compiler
# threads, and its VM thread (where the serial collector's pauses run), from /proc. A thread's name may hold
# spaces ("C2 CompilerThre"), so its stat line is read after the name's closing parenthesis. The JIT figure
# is a floor: the JVM stops idle compiler threads, and a stopped thread's ticks leave the sum.
cpu_ticks() {
  local all jit vm
  all=$(sed 's/.*) //' "/proc/$1/stat" | awk '{print $12+$13}')
  read -r jit vm < <(for t in /proc/"$1"/task/*; do
      printf '%s\t%s\n' "$(cat "$t/comm" 2>/dev/null || true)" \
        "$(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $12+$13}' || true)"
    done | awk -F'\t' '$1 ~ /^C[12] CompilerThre/ {j+=$2} $1 == "VM Thread" {v+=$2} END {print j+0, v+0}')
  echo "$all $jit $vm"
}

# pg_ticks: utime+stime clock ticks of PostgreSQL: every running process (backends, WAL writer,
# checkpointer) plus what the postmaster's children that ended have used (its cutime+cstime), so a
# backend that ends between two readings keeps its ticks.
pg_ticks() {
  local postmaster
  postmaster=$(pgrep -o -u postgres -x postgres || true)
  # a backend may end between pgrep and the read: skipped (pipefail would otherwise end the script)
  { for f in $(pgrep -u postgres); do sed 's/.*) //' "/proc/$f/stat" 2>/dev/null | awk '{print $12+$13}' || true; done
    if [[ -n "$postmaster" ]]; then sed 's/.*) //' "/proc/$postmaster/stat" | awk '{print $14+$15}'; fi
  } | awk '{s+=$1} END{print s+0}'
}

# machine_ticks: "BUSY IDLE" clock ticks of all CPUs together, from /proc/stat (idle includes iowait;
# time stolen by the hypervisor is neither).
machine_ticks() {
  awk '/^cpu / {print $2+$3+$4+$7+$8, $5+$6}' /proc/stat
}

# cpu_us "SVC_BEFORE" "SVC_AFTER" PG_BEFORE PG_AFTER "MACHINE_BEFORE" "MACHINE_AFTER" LEADS: CPU per stored
# lead in microseconds, as "SERVICE JIT VM POSTGRESQL OTHER IDLE%": the service's whole process (of it its
# JIT compiler and VM thread), PostgreSQL's processes, everything else busy on the machine (the load
# generator, the kernel's network work), and the share of the machine's CPU left idle.
cpu_us() {
  python3 - "$@" "$(getconf CLK_TCK)" <<'EOF'
import sys
b, a, m0, m1 = [list(map(int, x.split())) for x in (sys.argv[1], sys.argv[2], sys.argv[5], sys.argv[6])]
pg0, pg1, n, hz = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[7]), int(sys.argv[8])
us = lambda ticks: round(ticks * 1e6 / hz / max(n, 1))
busy, idle = m1[0] - m0[0], m1[1] - m0[1]
print(us(a[0] - b[0]), us(a[1] - b[1]), us(a[2] - b[2]), us(pg1 - pg0), us(busy - (a[0] - b[0]) - (pg1 - pg0)),
      round(100 * idle / max(busy + idle, 1)))
EOF
}

# cpu_words "SERVICE JIT VM POSTGRESQL OTHER IDLE%": cpu_us's figures in words.
cpu_words() {
  local s j v p o i
  read -r s j v p o i <<<"$1"
  echo "service $s us (JIT compiler $j, VM thread $v), PostgreSQL $p us, everything else $o us; machine idle $i %"
}

# wal_counts: "RECORDS FULL_PAGE_IMAGES BYTES" the cluster has written to its WAL so far (pg_stat_wal).
wal_counts() { sql "select wal_records || ' ' || wal_fpi || ' ' || wal_bytes from pg_stat_wal"; }

# wal_words "BEFORE" "AFTER" LEADS: the WAL written per stored lead in words. Unlike CPU time, the count of
# records (a heap row, an index entry, a commit each) does not move with the machine's speed.
wal_words() {
  python3 - "$@" <<'EOF2'
import sys
b, a, n = list(map(int, sys.argv[1].split())), list(map(int, sys.argv[2].split())), max(int(sys.argv[3]), 1)
print(f"{(a[0] - b[0]) / n:.2f} records ({(a[1] - b[1]) / n:.2f} full-page images), {(a[2] - b[2]) / n:.0f} bytes")
EOF2
}

# measured_cpu COMMAND...: runs it (its output passes through) and writes cpu_us's figures per lead stored
# meanwhile to $WORK/cpu.last (the service $SVC_PID_svc, PostgreSQL, the rest of the machine) and the
# WAL written per lead, in words, to $WORK/wal.last (the whole cluster's: run nothing else on it meanwhile).
measured_cpu() {
  local -a s0 s1; local p0 p1 m0 m1 n0 n1 w0 w1
  read -r -a s0 < <(cpu_ticks "$SVC_PID_svc"); p0=$(pg_ticks); m0=$(machine_ticks); n0=$(sql 'select count(*) from thumbtack.lead')
  w0=$(wal_counts)
  "$@"
  read -r -a s1 < <(cpu_ticks "$SVC_PID_svc"); p1=$(pg_ticks); m1=$(machine_ticks); n1=$(sql 'select count(*) from thumbtack.lead')
  w1=$(wal_counts)
  cpu_us "${s0[*]}" "${s1[*]}" "$p0" "$p1" "$m0" "$m1" $(( n1 - n0 )) >"$WORK/cpu.last"
  wal_words "$w0" "$w1" $(( n1 - n0 )) >"$WORK/wal.last"
  echo $(( n1 - n0 )) >"$WORK/cpu.leads"
}

# gc_allocated FILE FROM_LINE: megabytes the heap took between GCs after line FROM_LINE of a -Xlog:gc
# file (each young pause's "before" minus the previous pause's "after"): the allocation of a phase,
# a figure the machine's speed does not change, unlike its CPU seconds.
gc_allocated() {
  python3 - "$1" "$2" <<'EOF'
import re, sys
sizes = [(int(m.group(1)), int(m.group(2))) for line in open(sys.argv[1]).readlines()[int(sys.argv[2]) - 1:]
         for m in [re.search(r"Pause Young.* (\d+)M->(\d+)M", line)] if m]
print(sum(before - prev[1] for prev, (before, _) in zip(sizes, sizes[1:])))
EOF
}

# A registered v4 webhook row, written as the v4 connect flow writes it (bench/V4Webhook.java seals it
# with the service's key), and a NegotiationCreatedV4 body for its business. Sets V4_AUTH64 (the Basic
# credentials, base64) and V4_BODY (the body file, @ID@ where each request puts its lead ID).
v4_webhook() {
  local business=286845156044809661 user pass
  user="$(random_secret 24)"; pass="$(random_secret 24)"
  sql "$(java "$BENCH_DIR/V4Webhook.java" "$TOKEN_ENCRYPTION_KEY" thumbtack "$business" "$user" "$pass")" >/dev/null
  V4_AUTH64=$(printf '%s' "$user:$pass" | base64 -w0)
  V4_BODY="$WORK/v4-lead.json"
  sed "s/@BUSINESS@/$business/" "$BENCH_DIR/v4-lead.json" >"$V4_BODY"
}
