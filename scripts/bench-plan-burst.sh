#!/usr/bin/env bash
# Issue 12's "plans keep up" figures on the standalone stack (see docs/benchmarks.md). Arguments go
# to PlanBurstBench: [creations=100,1000], each burst on a fresh stack.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o compile dependency:build-classpath -pl bench -am -Dmdep.outputFile="$PWD/bench/target/cp.txt"
exec java -Xmx2g -cp "bench/target/classes:$(cat bench/target/cp.txt)" com.fashionos.bench.PlanBurstBench "$@"
