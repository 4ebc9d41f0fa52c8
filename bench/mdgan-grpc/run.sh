#!/usr/bin/env bash
# MD-GAN over gRPC on loopback vs in process: iterations per second and bytes on the wire per
# iteration for N = 1, 2, 4 worker processes. Usage: bench/mdgan-grpc/run.sh [ITERATIONS] [BATCH]
# Uses frontier-cli/target/frontier.jar (./frontier builds it when missing). Writes bench/mdgan-grpc/results/{results.csv,summary.md}.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ITER="${1:-300}"
B="${2:-10}"
NET=mnist-mlp
OUT="$ROOT/bench/mdgan-grpc/results"
WORK="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
[ -f "$ROOT/frontier-cli/target/frontier.jar" ] || "$ROOT/frontier" --version >/dev/null   # builds the CLI if missing
JAVA=(java -Dai.djl.offline=true -Dai.djl.pytorch.num_interop_threads=1 -Dai.djl.pytorch.num_threads=1
      -XX:MaxDirectMemorySize=512m -jar "$ROOT/frontier-cli/target/frontier.jar")
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

echo "mode,workers,batch,iterations,seconds,iterations_per_second,batch_wire_bytes_per_iteration,feedback_wire_bytes_per_iteration,formula_server_to_workers_bytes,formula_workers_to_server_bytes" > "$OUT/results.csv"
for N in 1 2 4; do
  PORT="$(free_port)"
  "${JAVA[@]}" gan server --workers "$N" --port "$PORT" --net "$NET" --batch "$B" --iterations "$ITER" \
      --eval-every "$ITER" --checkpoint-every 0 --no-swap --out "$WORK/net-$N" > "$WORK/server-$N.log" 2>&1 &
  SERVER=$!
  for ((i = 0; i < N; i++)); do
    "${JAVA[@]}" gan worker --server "127.0.0.1:$PORT" --data mnist --shard "$i/$N" > "$WORK/worker-$N-$i.log" 2>&1 &
  done
  wait "$SERVER"
  wait
  LINE="$(grep '^iterations ' "$WORK/server-$N.log" | tail -1)"
  SECS="$(sed -E 's/.* in ([0-9.]+) s.*/\1/' <<<"$LINE")"
  ITS="$(sed -E 's/.*\(([0-9.]+) it\/s\).*/\1/' <<<"$LINE")"
  BW="$(sed -E 's/.*batches ([0-9]+),.*/\1/' <<<"$LINE")"
  FW="$(sed -E 's/.*feedback ([0-9]+);.*/\1/' <<<"$LINE")"
  D=784
  echo "grpc,$N,$B,$ITER,$SECS,$ITS,$BW,$FW,$((2 * B * D * 4 * N)),$((B * D * 4 * N))" >> "$OUT/results.csv"

  "${JAVA[@]}" gan train --mode mdgan --net "$NET" --workers "$N" --batch "$B" --iterations "$ITER" --eval-every "$ITER" \
      --no-swap --out "$WORK/inproc-$N" > "$WORK/inproc-$N.log" 2>&1
  # the training loop's own time (setup + iterations + one evaluation), as `gan train` reports it
  S="$(grep -E 'MNIST score' "$WORK/inproc-$N.log" | sed -E 's/.*, ([0-9.]+) s$/\1/')"
  PB="$(sed -E 's/.*server->workers ([0-9]+),.*/\1/' < <(grep 'bytes per iteration' "$WORK/inproc-$N.log"))"
  PF="$(sed -E 's/.*workers->server ([0-9]+);.*/\1/' < <(grep 'bytes per iteration' "$WORK/inproc-$N.log"))"
  echo "inprocess,$N,$B,$ITER,$S,$(python3 -c "print(round($ITER / $S, 2))"),$PB (payload),$PF (payload),," >> "$OUT/results.csv"
done
{
  echo "# MD-GAN over gRPC (loopback) vs in process"
  echo
  echo "$NET, b=$B, $ITER iterations, no swaps, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)."
  echo "gRPC seconds: the server's training loop after all workers joined (wire bytes: gRPC's tracer counts)."
  echo "In-process seconds: \`frontier gan train --mode mdgan\`'s loop (includes one final evaluation; bytes are"
  echo "payload counted at the Transport). Formula columns: 2·b·d·4 and b·d·4 bytes per worker per iteration."
  echo
  echo '```'
  column -s, -t < "$OUT/results.csv"
  echo '```'
} > "$OUT/summary.md"
cat "$OUT/summary.md"
