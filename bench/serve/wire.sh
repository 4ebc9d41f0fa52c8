#!/usr/bin/env bash
# Wire-format benchmark: the same served model through REST JSON, REST with binary tensors and
# gRPC (all via RemoteClassifier, loopback), against in-process DjlClassifier.predict.
# Checks label agreement on all 2,000 embedded test images first. See README.md.
set -euo pipefail

OUT=${OUT:-$(cd "$(dirname "$0")/../.." && pwd)/runs/bench-serve-wire}
CASE_SECONDS=${CASE_SECONDS:-10}
BATCHES=${BATCHES:-1,64,256}
CONNECTIONS=${CONNECTIONS:-1,2}
OPEN_RATE=${OPEN_RATE:-40}              # requests/s of OPEN_BATCH images, open loop
OPEN_BATCH=${OPEN_BATCH:-1}
source "$(dirname "$0")/common.sh"

echo "== model (seed $SEED)"
run_java prepare --dir "$OUT" --seed "$SEED" --epochs "$EPOCHS" --batches 1 | grep -v '^wrote'

head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$OUT/token"
rm -f "$OUT/port" "$OUT/grpc-port"
java $JAVA_OPTS -cp "$CP" ml.frontier.serve.bench.LoadBench serve --model "$OUT/cnn.model" --port 0 \
  --port-file "$OUT/port" --grpc-port-file "$OUT/grpc-port" --token-file "$OUT/token" > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  [ -s "$OUT/grpc-port" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/server.log"; exit 3; }
  sleep 0.2
done
URL="http://127.0.0.1:$(cat "$OUT/port")/v2/models/cnn"
GRPC="grpc://127.0.0.1:$(cat "$OUT/grpc-port")/cnn"
echo "serving $URL and $GRPC"

echo "== label agreement, all 2,000 embedded test images"
run_java agree --model "$OUT/cnn.model" --url "$URL" --grpc "$GRPC" --token-file "$OUT/token" | tee "$OUT/agree.txt"

echo "== throughput and latency through each route, ${CASE_SECONDS}s per case"
run_java wire --url "$URL" --grpc "$GRPC" --token-file "$OUT/token" --batches "$BATCHES" --connections "$CONNECTIONS" \
  --seconds "$CASE_SECONDS" --open-rate "$OPEN_RATE" --open-batch "$OPEN_BATCH" | grep '^RESULT' | tee "$OUT/wire.txt"

echo "== in process, batch 64 (the server idles)"
run_java inprocess --model "$OUT/cnn.model" --batches 64 --threads "$INPROC_THREADS" --seconds "$CASE_SECONDS" \
  | grep '^RESULT' | tee "$OUT/inprocess.txt"

{
  echo "# Wire-format benchmark ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
  echo
  echo "Machine: $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1). Load average at start: $LOAD_START, at end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Model: standard CNN, $EPOCHS epochs on the embedded MNIST, seed $SEED. Closed loop (connections = client threads), ${CASE_SECONDS} s per case, loopback; the *-open@R rows offer R requests/s on a schedule (latency from the scheduled start)."
  echo
  echo "| route | batch | connections | req/s | images/s | p50 ms | p99 ms | bytes sent/request | bytes received/request |"
  echo "|---|---|---|---|---|---|---|---|---|"
  sed 's/^RESULT //' "$OUT/wire.txt" "$OUT/inprocess.txt" | awk '{
      delete v; for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", v["mode"], v["batch"], v["concurrency"], v["req_per_s"],
             v["img_per_s"], v["p50_ms"], v["p99_ms"], ("bytes_sent_per_req" in v) ? v["bytes_sent_per_req"] : "-",
             ("bytes_received_per_req" in v) ? v["bytes_received_per_req"] : "-" }'
  echo
  echo "Served over in-process at batch 64 (best images/s of each):"
  sed 's/^RESULT //' "$OUT/wire.txt" "$OUT/inprocess.txt" | awk '{
      delete v; for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      if (v["batch"] != 64) next
      if (v["img_per_s"] + 0 > best[v["mode"]] + 0) best[v["mode"]] = v["img_per_s"] }
    END { for (m in best) if (m != "inprocess") printf "- %s: %.2f\n", m, best[m] / best["inprocess"] }' | sort
  echo
  echo "Label agreement (all 2,000 test images):"
  echo
  sed 's/^AGREE /- /' "$OUT/agree.txt"
} | tee "$OUT/results.md"
