#!/usr/bin/env bash
# Serving load benchmark: HTTP (OIP v2, loopback) against in-process throughput of the same
# batches, measured side by side in one run. See README.md.
set -euo pipefail

OUT=${OUT:-$(cd "$(dirname "$0")/../.." && pwd)/runs/bench-serve}
CASE_SECONDS=${CASE_SECONDS:-30}
CONNECTIONS=${CONNECTIONS:-64}
BATCHES=${BATCHES:-1,64}
GENERATOR=${GENERATOR:-wrk}            # wrk (Debian package) or java (LoadBench http)
WRK_THREADS=${WRK_THREADS:-2}
source "$(dirname "$0")/common.sh"

echo "== model and request bodies (seed $SEED)"
run_java prepare --dir "$OUT" --seed "$SEED" --epochs "$EPOCHS" --batches "$BATCHES"

RESULTS="$OUT/results.txt"
: > "$RESULTS"

echo "== server"
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$OUT/token"
TOKEN=$(cat "$OUT/token")
rm -f "$OUT/port"
# java directly (not through run_java): $! must be the JVM's own id, for kill and for its CPU time
java $JAVA_OPTS -cp "$CP" ml.frontier.serve.bench.LoadBench serve --model "$OUT/cnn.model" --port 0 \
  --port-file "$OUT/port" --token-file "$OUT/token" > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  [ -s "$OUT/port" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/server.log"; exit 3; }
  sleep 0.2
done
PORT=$(cat "$OUT/port")
URL="http://127.0.0.1:$PORT/v2/models/cnn"
curl -sf "http://127.0.0.1:$PORT/v2/health/ready" >/dev/null
echo "serving $URL"

# Waits until the server has answered every queued request (a closed-loop generator leaves up
# to CONNECTIONS requests behind when it stops).
drain() {
  local last=-1 now
  while :; do
    now=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/metrics" \
      | awk '/^frontier_images_inferred_total/ {print $2}')
    [ "$now" = "$last" ] && return
    last=$now
    sleep 1
  done
}

# CPU seconds (user + system) the server JVM has used so far.
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$SERVER_PID/stat"; }

# Per batch size, side by side: in-process first (the server idles), then HTTP.
for B in ${BATCHES//,/ }; do
  echo "== batch $B: in-process DjlClassifier.predict, ${CASE_SECONDS}s per thread count"
  run_java inprocess --model "$OUT/cnn.model" --batches "$B" --threads "$INPROC_THREADS" --seconds "$CASE_SECONDS" \
    | grep '^RESULT' | tee -a "$RESULTS"
  echo "== batch $B: HTTP, $CONNECTIONS connections, ${CASE_SECONDS}s ($GENERATOR)"
  if [ "$GENERATOR" = wrk ]; then
    BODY="$OUT/body-$B.json" TOKEN=$TOKEN BATCH=$B CONNECTIONS=$CONNECTIONS \
      wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d3s --timeout 60s -s bench/serve/post.lua "$URL/infer" >/dev/null
    drain
    CPU0=$(server_cpu)
    { TIMEFORMAT='%U %S'; time BODY="$OUT/body-$B.json" TOKEN=$TOKEN BATCH=$B CONNECTIONS=$CONNECTIONS \
      wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${CASE_SECONDS}s" --timeout 60s --latency -s bench/serve/post.lua "$URL/infer" \
      > "$OUT/wrk-$B.txt"; } 2> "$OUT/wrk-$B.time"
    CPU1=$(server_cpu)
    LINE="$(grep '^RESULT' "$OUT/wrk-$B.txt") client_cpu_s=$(awk '{printf "%.2f", $1 + $2}' "$OUT/wrk-$B.time")"
  else
    drain
    CPU0=$(server_cpu)
    LINE=$(run_java http --url "$URL" --dir "$OUT" --batches "$B" --connections "$CONNECTIONS" --seconds "$CASE_SECONDS" \
      --token-file "$OUT/token" | grep '^RESULT' | sed 's/ cpu_s=/ client_cpu_s=/')
    CPU1=$(server_cpu)
  fi
  # requests still queued when the generator stopped are answered after CPU1: not counted
  echo "$LINE server_cpu_s=$(awk -v a="$CPU0" -v b="$CPU1" 'BEGIN {printf "%.2f", b - a}')" | tee -a "$RESULTS"
  drain
done
curl -sf -H "Authorization: Bearer $(cat "$OUT/token")" "http://127.0.0.1:$PORT/metrics" > "$OUT/metrics.txt"

echo "== summary"
{
  echo "# Serving benchmark ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
  echo
  echo "Machine: $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1). Load average at start: $LOAD_START, at end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Model: standard CNN trained $EPOCHS epochs on the embedded MNIST, seed $SEED. $CONNECTIONS connections, ${CASE_SECONDS} s per case, generator $GENERATOR, loopback."
  echo "JAVA_OPTS: $JAVA_OPTS"
  echo
  echo "| mode | batch | concurrency | requests | errors | req/s | images/s | p50 ms | p99 ms | CPU ms/image (server or in-process) | CPU ms/image (load generator) |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  grep '^RESULT' "$RESULTS" | sed 's/^RESULT //' | awk '{
      delete v
      for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      imgs = v["requests"] * v["batch"]
      own = (v["mode"] == "inprocess") ? v["cpu_s"] : v["server_cpu_s"]
      client = (v["mode"] == "inprocess") ? "-" : sprintf("%.3f", 1000 * v["client_cpu_s"] / imgs)
      printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %.3f | %s |\n", v["mode"], v["batch"], v["concurrency"],
             v["requests"], v["errors"], v["req_per_s"], v["img_per_s"], v["p50_ms"], v["p99_ms"], 1000 * own / imgs, client }'
  echo
  echo "HTTP against the best in-process run on the same batches (throughput ratio: HTTP images/s over in-process"
  echo "images/s; CPU ratio: server CPU per image over in-process CPU per image, load generator not included):"
  echo
  grep '^RESULT' "$RESULTS" | sed 's/^RESULT //' | awk '{
      delete v
      for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      b = v["batch"]; imgs = v["requests"] * b
      if (v["mode"] == "inprocess") {
        if (v["img_per_s"] + 0 > best[b] + 0) best[b] = v["img_per_s"]
        c = v["cpu_s"] / imgs; if (!(b in cpu) || c < cpu[b]) cpu[b] = c
      } else { http[b] = v["img_per_s"]; err[b] = v["errors"]; scpu[b] = v["server_cpu_s"] / imgs } }
    END { for (b in http) printf "- batch %s: throughput ratio %.2f, CPU per image ratio %.2f (server cost %+.0f%% CPU), %s errors\n",
            b, http[b] / best[b], scpu[b] / cpu[b], 100 * (scpu[b] / cpu[b] - 1), err[b] }' | sort -t' ' -k3 -n
} | tee "$OUT/results.md"
