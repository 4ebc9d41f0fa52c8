#!/usr/bin/env bash
# Side-by-side training and inference benchmark: DJL (Frontier's core trainer and the lab's
# faster loop) against the same models in PyTorch (Debian python3-torch, OpenBLAS, 1 BLAS thread).
#
#   bench/train/run.sh [--data mnist|fashion] [--models mlp,cnn] [--batches 64,128]
#                      [--repeats 7] [--variants core,fast] [--threads 2] [--blas-threads 1]
#                      [--no-pin] [--resume] [--jvm-extra "-XX:+UseSerialGC"] [--omp-wait passive|active]
#                      [--out runs/bench-train]
#
# --jvm-extra adds JVM flags to the DJL side; --omp-wait sets OMP_WAIT_POLICY on both sides
# (how the OpenMP team waits between parallel regions: spinning against the JVM's own threads).
# --resume keeps the runs already in --out (a pair whose two files exist is not run again), so a
# long grid can finish across sessions.
# --variants may include torchscript (the same libtorch as DJL, one scripted train step per
# batch: make_train_step.py writes the steps into a temporary directory). --blas-threads sets
# PyTorch's OpenBLAS threads (1: its GEMMs on one thread, as Debian's torch is usually run; 2:
# both cores). Both sides' OpenMP threads are pinned one per core (OMP_PROC_BIND/OMP_PLACES)
# unless --no-pin.
#
# Runs the two sides interleaved (DJL, PyTorch, PyTorch, DJL, ...; one process per side and
# repeat) so both see the same machine load, then prints per-pair DJL/PyTorch ratios (summarize.py).
# Needs the packaged CLI (mvn -B -q -DskipTests package at the root, when nobody else builds).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DATA=mnist MODELS=mlp,cnn BATCHES=64,128 REPEATS=7 VARIANTS=core,fast THREADS=2 OUT=runs/bench-train WARMUP=20
BLAS_THREADS=1 PIN=1 RESUME=0 JVM_EXTRA="" OMP_WAIT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --data) DATA="$2"; shift 2 ;;
    --models) MODELS="$2"; shift 2 ;;
    --batches) BATCHES="$2"; shift 2 ;;
    --repeats) REPEATS="$2"; shift 2 ;;
    --variants) VARIANTS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --blas-threads) BLAS_THREADS="$2"; shift 2 ;;
    --no-pin) PIN=0; shift ;;
    --resume) RESUME=1; shift ;;
    --jvm-extra) JVM_EXTRA="$2"; shift 2 ;;
    --omp-wait) OMP_WAIT="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
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
read -r -a EXTRA <<< "$JVM_EXTRA"
JVM_FLAGS+=("${EXTRA[@]}")
# PyTorch: OpenBLAS (pthread build) with one BLAS thread, chosen for this process only.
OPENBLAS=/usr/lib/x86_64-linux-gnu/openblas-pthread
TORCH_ENV=(LD_LIBRARY_PATH="$OPENBLAS" OPENBLAS_NUM_THREADS="$BLAS_THREADS" OMP_NUM_THREADS="$THREADS")
# Pinning: each side's OpenMP team one thread per core, the same for both (libgomp reads these).
PIN_ENV=()
if (( PIN )); then PIN_ENV=(OMP_PROC_BIND=close OMP_PLACES=cores); fi
if [ -n "$OMP_WAIT" ]; then PIN_ENV+=(OMP_WAIT_POLICY="$OMP_WAIT"); fi
# The torchscript variant's train steps: generated (22 MB), never committed.
STEP_ARGS=()
if [[ ",$VARIANTS," == *,torchscript,* ]]; then
  STEPS="$(mktemp -d)"; trap 'rm -rf "$STEPS"' EXIT
  "$PY" "$HERE/make_train_step.py" "$STEPS" >/dev/null
  STEP_ARGS=(--train-steps "$STEPS")
fi
# Without it the loader falls back to the reference BLAS and the comparison is meaningless (README).
test -f "$OPENBLAS/libblas.so.3" || {
  echo "run.sh: install Debian's libopenblas0-pthread first (the PyTorch side would run the reference BLAS)" >&2; exit 2; }
(( RESUME )) || : > "$OUT/provenance.txt"   # a resumed run appends its session's settings
TORCH_LIB="$($PY -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib", "libtorch_cpu.so"))')"
{
  echo "date: $(date -u +%FT%TZ); host: $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $(java -version 2>&1 | head -1); JVM flags: ${JVM_FLAGS[*]}"
  echo "python: $($PY --version 2>&1); torch: $($PY -c 'import torch; print(torch.__version__)'); env: ${TORCH_ENV[*]}"
  echo "OpenMP settings (both sides): ${PIN_ENV[*]:-none}"
  echo "torch BLAS: $(env "${TORCH_ENV[@]}" ldd "$TORCH_LIB" | grep -E 'libblas|openblas' | tr -s ' \t' ' ' | paste -sd';')"
  echo "data $DATA, models $MODELS, batches $BATCHES, variants $VARIANTS, repeats $REPEATS, warm-up $WARMUP batches"
} | tee -a "$OUT/provenance.txt"
lscpu > "$OUT/lscpu.txt" 2>/dev/null || true   # summarize.py takes the CPU's peak FLOP rate from it

djl() {
  env "${PIN_ENV[@]}" java "${JVM_FLAGS[@]}" -cp "$CP" ml.frontier.cli.lab.LabSpeedCommand "${STEP_ARGS[@]}" --data "$DATA" --models "$MODELS" \
    --batches "$BATCHES" --variants "$VARIANTS" --repeats 1 --repeat-offset "$1" --warmup "$WARMUP" \
    --out "$OUT/djl-r$1" 2>&1 | grep --line-buffered -E '^djl |^DJL' || true
  test -f "$OUT/djl-r$1/runs.csv" || { echo "run.sh: the DJL run $1 failed" >&2; exit 3; }
}
torch() {
  env "${TORCH_ENV[@]}" "${PIN_ENV[@]}" "$PY" "$HERE/torch_bench.py" --data "$DATA" --models "$MODELS" --batches "$BATCHES" \
    --repeats 1 --repeat-offset "$1" --warmup "$WARMUP" --threads "$THREADS" --out "$OUT/torch-r$1.csv"
}
for ((r = 0; r < REPEATS; r++)); do
  if (( RESUME )) && [ -f "$OUT/djl-r$r/runs.csv" ] && [ -f "$OUT/torch-r$r.csv" ]; then
    echo "pair $r: kept from an earlier run"; continue
  fi
  rm -rf "$OUT/djl-r$r" "$OUT/torch-r$r.csv"   # half a pair would pair with nothing
  if (( r % 2 == 0 )); then djl "$r"; torch "$r"; else torch "$r"; djl "$r"; fi
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/provenance.txt"
"$PY" "$HERE/summarize.py" "$OUT"
