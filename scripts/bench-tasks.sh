#!/usr/bin/env bash
# Issue 3's task figures on the standalone stack (see docs/benchmarks.md). Arguments go to
# TaskBench: [creations=50] [event counts=1000,10000] [PUTs per case=500].
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B install -DskipTests
mvn -q -B -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/bench/target/classpath.txt"
exec java -Xmx2g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" com.fashionos.bench.TaskBench "$@"
