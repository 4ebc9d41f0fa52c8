#!/usr/bin/env bash
# Side-by-side work benchmark: Frontier (DJL) against the same work in PyTorch (Debian python3-torch, OpenBLAS,
# 1 BLAS thread): FGSM key generation (k keys), marker making (the 'portfolio' strategy) and MD-GAN iterations.
#
#   bench/work/run.sh [--tasks keygen,markers,mdgan] [--models mlp,cnn] [--pairs 7] [--threads 2]
#                     [--keys 100] [--markers 100] [--strategy portfolio] [--iterations 50] [--warmup-iterations 10] [--epochs 2]
#                     [--screened] [--jars DIR] [--out runs/bench-work]
#
# Trains each zoo model once (frontier train, embedded MNIST, seed 1) into OUT/models unless it is there, exports
# its parameters as .npy for the PyTorch side, then runs the two sides interleaved (DJL, PyTorch, PyTorch, DJL, ...;
# one fresh process per side, task and pair) so both see the same machine load, and prints per-pair DJL/PyTorch
# time ratios with bootstrap intervals (summarize.py). --screened adds Frontier's whole MarkerGenerator (Java only).
# Needs the packaged CLI (mvn -B -q -DskipTests package at the root, when nobody else builds) or --jars DIR holding
# a copy of frontier.jar and lib/.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TASKS=keygen,markers,mdgan MODELS=mlp,cnn PAIRS=7 THREADS=2 KEYS=100 MARKERS=100 STRATEGY=portfolio ITERATIONS=50 WARMUP_IT=10
EPOCHS=2 SCREENED=0 JARS="$ROOT/frontier-cli/target" OUT=runs/bench-work
while [ $# -gt 0 ]; do
  case "$1" in
    --tasks) TASKS="$2"; shift 2 ;;
    --models) MODELS="$2"; shift 2 ;;
    --pairs) PAIRS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --keys) KEYS="$2"; shift 2 ;;
    --markers) MARKERS="$2"; shift 2 ;;
    --strategy) STRATEGY="$2"; shift 2 ;;
    --iterations) ITERATIONS="$2"; shift 2 ;;
    --warmup-iterations) WARMUP_IT="$2"; shift 2 ;;
    --epochs) EPOCHS="$2"; shift 2 ;;
    --screened) SCREENED=1; shift ;;
    --jars) JARS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT/models"
OUT="$(cd "$OUT" && pwd)"
PY=/usr/bin/python3   # Debian's python3 with python3-torch, not a pyenv one first on PATH

# --- the packaged CLI, whole ---
JAR="$JARS/frontier.jar"
test -f "$JAR" || { echo "run.sh: build first: mvn -B -q -DskipTests package (or give --jars DIR)" >&2; exit 2; }
CP="$JAR:$JARS/lib/*"

# --- the exact settings of each side (as bench/train/run.sh) ---
JVM_FLAGS=(-Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$THREADS" -Dai.djl.pytorch.num_interop_threads=1
           -XX:MaxDirectMemorySize=512m -Xmx3g)
OPENBLAS=/usr/lib/x86_64-linux-gnu/openblas-pthread
TORCH_ENV=(LD_LIBRARY_PATH="$OPENBLAS" OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS="$THREADS")
test -f "$OPENBLAS/libblas.so.3" || {
  echo "run.sh: install Debian's libopenblas0-pthread first (the PyTorch side would run the reference BLAS)" >&2; exit 2; }
TORCH_LIB="$($PY -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib", "libtorch_cpu.so"))')"
{
  echo "date: $(date -u +%FT%TZ); host: $(nproc) cores; uptime: $(uptime)"
  echo "commit: $(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty)'); jars: $JARS"
  echo "java: $(java -version 2>&1 | head -1); JVM flags: ${JVM_FLAGS[*]}"
  echo "python: $($PY --version 2>&1); torch: $($PY -c 'import torch; print(torch.__version__)'); env: ${TORCH_ENV[*]}; torch.set_num_threads($THREADS)"
  echo "torch BLAS: $(env "${TORCH_ENV[@]}" ldd "$TORCH_LIB" | grep -E 'libblas|openblas' | tr -s ' \t' ' ' | paste -sd';')"
  echo "tasks $TASKS, models $MODELS, pairs $PAIRS, keys $KEYS (eps 0.1, anchors $((KEYS / 2))), markers $MARKERS ($STRATEGY),"\
       "MD-GAN $ITERATIONS iterations after $WARMUP_IT (mnist-mlp, N=3, b=32, k=1, L=1), models trained $EPOCHS epochs, seed 1"
} | tee "$OUT/provenance.txt"
lscpu > "$OUT/lscpu.txt" 2>/dev/null || true

has() { [[ ",$1," == *",$2,"* ]]; }
frontier() { java "${JVM_FLAGS[@]}" -cp "$CP" ml.frontier.cli.Frontier "$@"; }

# --- each model trained once; every repeat of both sides loads the same file ---
if has "$TASKS" keygen || has "$TASKS" markers; then
  for m in ${MODELS//,/ }; do
    f="$OUT/models/$m.frontier"
    if [ ! -f "$f" ]; then
      frontier train --model "$m" --data mnist --epochs "$EPOCHS" --seed 1 --out "$f" 2>&1 | grep -E '^test accuracy' || true
      test -f "$f" || { echo "run.sh: training $m failed" >&2; exit 3; }
    fi
    mkdir -p "$OUT/models/$m-npy"
    java "${JVM_FLAGS[@]}" -cp "$CP" ml.frontier.cli.lab.LabWorkCommand --task export --model "$f" --out "$OUT/models/$m-npy" >/dev/null
    echo "$m: $(sha256sum "$f" | cut -c1-16)…; $(env "${TORCH_ENV[@]}" "$PY" "$HERE/torch_work.py" --task check \
        --weights "$OUT/models/$m-npy" --threads "$THREADS" | sed 's/^pytorch //')" | tee -a "$OUT/provenance.txt"
  done
fi

CELLS=()
for t in keygen markers; do
  if has "$TASKS" "$t"; then for m in ${MODELS//,/ }; do CELLS+=("$t:$m"); done; fi
done
if has "$TASKS" mdgan; then CELLS+=("mdgan:mnist-mlp-gan"); fi

djl() {  # pair, task, model
  local args=(--task "$2" --repeat "$1" --out "$OUT/djl-r$1-$2-$3")
  case "$2" in
    keygen) args+=(--model "$OUT/models/$3.frontier" --keys "$KEYS") ;;
    markers) args+=(--model "$OUT/models/$3.frontier" --markers "$MARKERS" --strategy "$STRATEGY") ;;
    mdgan) args+=(--iterations "$ITERATIONS" --warmup-iterations "$WARMUP_IT") ;;
  esac
  if [ "$1" = 0 ] && [ "$2" != mdgan ]; then args+=(--dump); fi  # pair 0: the PyTorch side compares its images
  java "${JVM_FLAGS[@]}" -cp "$CP" ml.frontier.cli.lab.LabWorkCommand "${args[@]}" 2>&1 | grep --line-buffered -E '^djl ' || true
  test -f "$OUT/djl-r$1-$2-$3/runs.csv" || { echo "run.sh: the DJL run $1 $2 $3 failed" >&2; exit 3; }
}
torch() {  # pair, task, model
  local args=(--task "$2" --repeat "$1" --threads "$THREADS" --out "$OUT/torch-r$1-$2-$3.csv")
  case "$2" in
    keygen) args+=(--weights "$OUT/models/$3-npy" --keys "$KEYS") ;;
    markers) args+=(--weights "$OUT/models/$3-npy" --markers "$MARKERS" --strategy "$STRATEGY") ;;
    mdgan) args+=(--iterations "$ITERATIONS" --warmup-iterations "$WARMUP_IT") ;;
  esac
  if [ -f "$OUT/djl-r$1-$2-$3/images.npy" ]; then args+=(--compare "$OUT/djl-r$1-$2-$3"); fi
  local said
  said="$(env "${TORCH_ENV[@]}" "$PY" "$HERE/torch_work.py" "${args[@]}" 2>&1)" || true
  echo "$said" >> "$OUT/torch.log"
  grep -E '^pytorch [a-z]' <<<"$said" || true
  if grep -q '^compare' <<<"$said"; then grep '^compare' <<<"$said" | sed "s|^compare|compare $2 $3|" | tee -a "$OUT/agreement.txt"; fi
  test -f "$OUT/torch-r$1-$2-$3.csv" || { echo "run.sh: the PyTorch run $1 $2 $3 failed" >&2; exit 3; }
}
for ((r = 0; r < PAIRS; r++)); do
  for cell in "${CELLS[@]}"; do
    t="${cell%%:*}" m="${cell#*:}"
    if (( r % 2 == 0 )); then djl "$r" "$t" "$m"; torch "$r" "$t" "$m"; else torch "$r" "$t" "$m"; djl "$r" "$t" "$m"; fi
  done
  if (( SCREENED )) && has "$TASKS" markers; then  # Java only: the generator's screening around the strategy
    for m in ${MODELS//,/ }; do
      java "${JVM_FLAGS[@]}" -cp "$CP" ml.frontier.cli.lab.LabWorkCommand --task markers --screened --model "$OUT/models/$m.frontier" \
        --markers "$MARKERS" --strategy "$STRATEGY" --repeat "$r" --out "$OUT/djl-r$r-screened-$m" 2>&1 | grep -E '^djl ' || true
    done
  fi
done
echo "load at the end: $(uptime)" | tee -a "$OUT/provenance.txt"
"$PY" "$HERE/summarize.py" "$OUT"
