#!/usr/bin/env bash
# Every dashboard query on real data: the service jar (prod profile) under bench/run.sh's lead load
# (wrk, bench/lead.lua, 64 connections) plus one of each other webhook, 2,000 outbound messages and a
# token refresh, scraped every second by a real Prometheus (Debian package `prometheus`, installed when
# missing); while the load runs, each query of deploy/monitoring/thumbtack-gateway-dashboard.json is
# sent to that Prometheus and its value printed ($__rate_interval = the time since the load began,
# $namespace = all).
#   bench/dashboard.sh            results -> bench/results/<date>-dashboard.md  (~4 min)
# SKIP_BUILD=1 reuses the jar. Prometheus, the stub and the service are stopped at the end.
source "$(dirname "$0")/lib.sh"

LOAD_S="${LOAD_S:-150}"   # wrk runs this long; the queries run while it does
command -v wrk >/dev/null || { log "installing wrk (Debian package)"; apt-get install -y -qq wrk >/dev/null; }
command -v prometheus >/dev/null || { log "installing prometheus (Debian package)"; apt-get install -y -qq --no-install-recommends prometheus >/dev/null; }

build_jar
make_db
start_stub "$(free_port)" 50
PORT=$(free_port)
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-$BENCH_DEFAULT_JAVA_OPTS}" start_service svc "$PORT" 5432
URL="http://127.0.0.1:$PORT"
AUTH64=$(printf '%s' "$WEBHOOK_AUTH" | base64 -w0)

PROM_PORT=$(free_port)
cat >"$WORK/prometheus.yml" <<YML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: thumbtack-gateway
    metrics_path: /q/metrics
    static_configs:
      - targets: ["127.0.0.1:$PORT"]
        labels: {pod: thumbtack-gateway-bench}
YML
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/prometheus-data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" >"$WORK/prometheus.log" 2>&1 &
PROM_PID=$!
disown "$PROM_PID"
PIDS+=("$PROM_PID")
wait_http "http://127.0.0.1:$PROM_PORT/-/ready" 200 30
log "prometheus (pid $PROM_PID) on port $PROM_PORT scraping the service every second"

# --- the load ------------------------------------------------------------------------------------
log "wrk: POST /v1/lead, 64 connections, ${LOAD_S}s (in the background)"
wrk -t2 -c64 -d"${LOAD_S}"s --timeout 10s -s "$BENCH_DIR/lead.lua" "$URL/v1/lead" -- \
  "$BENCH_DIR/lead.json" dash "$AUTH64" >"$WORK/wrk.out" 2>&1 &
WRK_PID=$!
PIDS+=("$WRK_PID")
LOAD_T0=$(date +%s)

BUSINESS=900000000000000002
connect_business "$PORT" "$BUSINESS"
queue_messages 2000 "$BUSINESS" "dashboard"
FIX="$ROOT/src/test/resources/fixtures"
webhook() { # METHOD PATH FILE LEAD_ID
  python3 - "$3" "$4" <<'PY' >"$WORK/body.json"
import json, re, sys
# The reference's lead-update sample has a trailing comma (the service accepts it; json.loads does not).
body = json.loads(re.sub(r",\s*([}\]])", r"\1", open(sys.argv[1]).read()))
body["leadID"] = sys.argv[2]
print(json.dumps(body))
PY
  curl -s -o /dev/null -w "$2 %{http_code}\n" -X "$1" -u "$WEBHOOK_AUTH" -H 'Content-Type: application/json' \
    --data-binary @"$WORK/body.json" "$URL$2" >&2
}
for i in $(seq 1 20); do
  webhook POST /v1/lead "$FIX/lead.json" "dash-lead-$i"
  webhook POST /v1/message "$FIX/message.json" "dash-lead-$i"
  webhook PUT /v1/lead/update "$FIX/lead-update.json" "dash-lead-$i"
  webhook POST /v1/review "$FIX/review.json" "dash-lead-$i"
done 2>"$WORK/webhooks.log"
curl -s -o /dev/null -u "$PARTNER_AUTH" -H 'Content-Type: application/json' -d '{"text":"dashboard wake"}' \
  "$URL/api/v1/businesses/$BUSINESS/leads/lead-wake/messages"
curl -s -o /dev/null -w 'refresh %{http_code}\n' -u "$PARTNER_AUTH" -X POST "$URL/api/v1/connections/$BUSINESS/refresh" >&2
curl -s -o /dev/null -u "$PARTNER_AUTH" "$URL/api/v1/events?limit=500"

# Query while wrk still runs, with a rate window ($__rate_interval) reaching back to the start of the
# load, so that the partner API calls, the sends and the refresh above are inside it.
sleep 5
WINDOW=$(( $(date +%s) - LOAD_T0 ))
kill -0 "$WRK_PID" 2>/dev/null || log "wrk ended before the queries: raise LOAD_S"
log "querying every dashboard expression (\$__rate_interval = ${WINDOW}s)"
mkdir -p "$BENCH_DIR/results"
OUT="$BENCH_DIR/results/$(date +%F)-dashboard.md"
n=2; while [[ -e "$OUT" ]]; do OUT="$BENCH_DIR/results/$(date +%F)-dashboard-$n.md"; n=$((n + 1)); done
python3 - "$ROOT/deploy/monitoring/thumbtack-gateway-dashboard.json" "http://127.0.0.1:$PROM_PORT" "$OUT" "$WINDOW" <<'PY'
import json, sys, urllib.parse, urllib.request, datetime
dashboard, prom, out, window = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4]
lines = [f"# Dashboard queries on real data, {datetime.datetime.now():%Y-%m-%d %H:%M}",
         "", "bench/dashboard.sh: the service under wrk (POST /v1/lead, 64 connections) plus 20 of each webhook,",
         "2,000 outbound messages and a refresh, scraped every second by Prometheus; each panel's queries",
         f"evaluated once while the load ran ($__rate_interval = {window}s, the time since the load began;",
         "$namespace = all).", "",
         "| panel | legend | value(s) |", "|---|---|---|"]
empty = 0
for panel in dashboard["panels"]:
    for target in panel.get("targets", []):
        expr = target["expr"].replace("$__rate_interval", f"{window}s").replace('"$namespace"', '".*"')
        url = f"{prom}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
        result = json.load(urllib.request.urlopen(url, timeout=10))["data"]["result"]
        values = []
        for series in result:
            legend = target.get("legendFormat", "")
            for key, value in series["metric"].items():
                legend = legend.replace("{{" + key + "}}", value)
            values.append(f"{legend}: {float(series['value'][1]):.4g}")
        if not result:
            empty += 1
        lines.append(f"| {panel['title']} | {target.get('legendFormat', '')} | {'; '.join(values) or '(no data)'} |")
lines += ["", f"{empty} quer{'y' if empty == 1 else 'ies'} without data."]
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
log "results: $OUT"
kill "$WRK_PID" 2>/dev/null || true
sed -n 's/^WRKJSON //p' "$WORK/wrk.out" >&2
