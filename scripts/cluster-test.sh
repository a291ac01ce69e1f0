#!/usr/bin/env bash
# The cluster test (docs/operations.md, "The cluster test"): renders the chart, runs its hook Jobs
# and starts every rendered Deployment as processes against the machine's PostgreSQL (an embedded
# one when none answers on 127.0.0.1:5432), a Kafka broker process and an S3 server, then the
# journey and the faults. The whole output is kept in k8s/target/cluster-test.log; the figures
# are printed at the end. Extra arguments go to Maven (e.g. -o).
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TEST_DATABASE_URL:-}" ] && command -v psql >/dev/null 2>&1 \
    && psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres"
fi
mkdir -p k8s/target
mvn -B test -pl k8s -am -Dtest=ClusterTest -Dfashionos.cluster-test=true -Dsurefire.failIfNoSpecifiedTests=false "$@" > k8s/target/cluster-test.log 2>&1
status=$?
grep -E '^\[(INFO|ERROR)\] (Tests run|BUILD)' k8s/target/cluster-test.log | tail -3
sed -n '/Cluster test figures/,/^\[/p' k8s/target/cluster-test.log | sed '$d'
exit $status
