#!/bin/bash
# usage: run.sh name args...
n=$1; shift
cd /tmp/gandiag
OMP_NUM_THREADS=1 nice -n 10 java $JOPTS -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 -cp "${CP:-/tmp/gan-jars/*}" Diag.java "$@" 2>&1 | grep -v WARN > $n.log
