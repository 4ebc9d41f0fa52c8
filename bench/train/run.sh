#!/usr/bin/env bash
# Side-by-side training and inference benchmark: DJL (Frontier's core trainer and the lab's
# faster loop) against the same models in PyTorch (Debian python3-torch, OpenBLAS, 1 BLAS thread).
#
#   bench/train/run.sh [--data mnist|fashion] [--models mlp,cnn] [--batches 64,128]
#                      [--repeats 3] [--variants core,fast] [--threads 2] [--out runs/bench-train]
#
# Runs the two sides interleaved (DJL, PyTorch, PyTorch, DJL, ...; one process per side and
# repeat) so both see the same machine load, then prints per-pair DJL/PyTorch ratios (summarize.py).
# Needs the packaged CLI (mvn -B -q -DskipTests package at the root, when nobody else builds).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DATA=mnist MODELS=mlp,cnn BATCHES=64,128 REPEATS=3 VARIANTS=core,fast THREADS=2 OUT=runs/bench-train WARMUP=20
while [ $# -gt 0 ]; do
  case "$1" in
    --data) DATA="$2"; shift 2 ;;
    --models) MODELS="$2"; shift 2 ;;
    --batches) BATCHES="$2"; shift 2 ;;
    --repeats) REPEATS="$2"; shift 2 ;;
    --variants) VARIANTS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
PY=/usr/bin/python3   # Debian's python3 with python3-torch, not a pyenv one first on PATH

# --- the packaged CLI, whole: a hand-compiled subset of its classes broke whenever a command gained a mixin ---
JAR="$ROOT/frontier-cli/target/frontier.jar"
test -f "$JAR" || { echo "run.sh: build first: mvn -B -q -DskipTests package" >&2; exit 2; }
CP="$JAR:$ROOT/frontier-cli/target/lib/*"

# --- the exact settings of each side ---
JVM_FLAGS=(-Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$THREADS" -Dai.djl.pytorch.num_interop_threads=1
           -XX:MaxDirectMemorySize=512m -Xmx3g)
# PyTorch: OpenBLAS (pthread build) with one BLAS thread, chosen for this process only.
OPENBLAS=/usr/lib/x86_64-linux-gnu/openblas-pthread
TORCH_ENV=(LD_LIBRARY_PATH="$OPENBLAS" OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS="$THREADS")
# Without it the loader falls back to the reference BLAS and the comparison is meaningless (README).
test -f "$OPENBLAS/libblas.so.3" || {
  echo "run.sh: install Debian's libopenblas0-pthread first (the PyTorch side would run the reference BLAS)" >&2; exit 2; }
TORCH_LIB="$($PY -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib", "libtorch_cpu.so"))')"
{
  echo "date: $(date -u +%FT%TZ); host: $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $(java -version 2>&1 | head -1); JVM flags: ${JVM_FLAGS[*]}"
  echo "python: $($PY --version 2>&1); torch: $($PY -c 'import torch; print(torch.__version__)'); env: ${TORCH_ENV[*]}"
  echo "torch BLAS: $(env "${TORCH_ENV[@]}" ldd "$TORCH_LIB" | grep -E 'libblas|openblas' | tr -s ' \t' ' ' | paste -sd';')"
  echo "data $DATA, models $MODELS, batches $BATCHES, variants $VARIANTS, repeats $REPEATS, warm-up $WARMUP batches"
} | tee "$OUT/provenance.txt"
lscpu > "$OUT/lscpu.txt" 2>/dev/null || true   # summarize.py takes the CPU's peak FLOP rate from it

djl() {
  java "${JVM_FLAGS[@]}" -cp "$CP" ml.frontier.cli.lab.LabSpeedCommand --data "$DATA" --models "$MODELS" \
    --batches "$BATCHES" --variants "$VARIANTS" --repeats 1 --repeat-offset "$1" --warmup "$WARMUP" \
    --out "$OUT/djl-r$1" 2>&1 | grep --line-buffered -E '^djl |^DJL' || true
  test -f "$OUT/djl-r$1/runs.csv" || { echo "run.sh: the DJL run $1 failed" >&2; exit 3; }
}
torch() {
  env "${TORCH_ENV[@]}" "$PY" "$HERE/torch_bench.py" --data "$DATA" --models "$MODELS" --batches "$BATCHES" \
    --repeats 1 --repeat-offset "$1" --warmup "$WARMUP" --threads "$THREADS" --out "$OUT/torch-r$1.csv"
}
for ((r = 0; r < REPEATS; r++)); do
  if (( r % 2 == 0 )); then djl "$r"; torch "$r"; else torch "$r"; djl "$r"; fi
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/provenance.txt"
"$PY" "$HERE/summarize.py" "$OUT"
