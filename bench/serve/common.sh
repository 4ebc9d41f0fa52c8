# Shared set-up of the serving benchmarks (sourced by run.sh and wire.sh; OUT is set first):
# defaults, the build in the reactor, the class path, and run_java.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SEED=${SEED:-1}
EPOCHS=${EPOCHS:-2}
INPROC_THREADS=${INPROC_THREADS:-1,2}
JAVA_OPTS=${JAVA_OPTS:-"-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 -XX:MaxDirectMemorySize=512m -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn"}
SKIP_BUILD=${SKIP_BUILD:-0}

mkdir -p "$OUT"
cd "$ROOT"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
if [ "$SKIP_BUILD" != 1 ]; then
  echo "== building frontier-serve"
  mvn -B -o -q -pl frontier-serve -am package -DskipTests
fi
# in the reactor, so that frontier-core comes from this tree (target/classes), not from ~/.m2
mvn -B -o -q -pl frontier-serve -am compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="$ROOT/frontier-serve/target/classes:$ROOT/frontier-core/target/classes:$(cat "$OUT/classpath.txt")"
run_java() { java $JAVA_OPTS -cp "$CP" ml.frontier.serve.bench.LoadBench "$@"; }
