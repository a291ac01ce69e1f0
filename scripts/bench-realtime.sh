#!/usr/bin/env bash
# Issue 4's realtime figures on the standalone stack (see docs/benchmarks.md). Options go to
# RealtimeBench as --name=value: one=1000 (connections on one event), many=10000 over events=1000,
# rates=50,500 (changes/s), seconds=20 (per rate), warmup=10, users=10, writers=64,
# via=both|direct|api-gateway, stack-opts=(the jar's default bound, -Xmx512m …), gateway-opts=-Xmx1g.
set -euo pipefail
cd "$(dirname "$0")/.."
# 10,000 client sockets here and 10,000 in the gateway's JVM: raise the soft open-files limit as far
# as the hard one allows (the children inherit it).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
mvn -q -B install -DskipTests
mvn -q -B -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/bench/target/classpath.txt"
exec java -Xmx3g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" com.fashionos.bench.RealtimeBench "$@"
