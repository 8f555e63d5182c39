#!/usr/bin/env bash
# JMH benchmarks of the assignment decider's pure core (selection and queue order) at the issue's scale: 10,000
# agents, 200 capabilities, 100,000 pending tasks, on one thread. Builds benchmarks/target/benchmarks.jar if it is
# missing (delete it, or run the mvn line below, after changing assignment-service or the benchmarks), then runs
# every benchmark in throughput mode and also writes the results as JSON to bench/results/assignment-jmh.json.
# Extra arguments go to JMH, e.g.:
#   bench/assignment-jmh.sh SelectorBenchmark           # one class (a regex over benchmark names)
#   bench/assignment-jmh.sh planRound -p maxPlacements=1000
#   bench/assignment-jmh.sh -prof gc                    # allocation per op
#   JMH_SETTINGS='-f 1 -wi 1 -w 1s -i 1 -r 1s' bench/assignment-jmh.sh   # shorter runs (bench/report.sh --quick)
#   JMH_RESULT=path/to/results.json bench/assignment-jmh.sh              # where the JSON results go
# Numbers from a shared 2-core machine with other builds running are noisy: compare runs made on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
if [[ ! -f $JAR ]]; then
  # The benchmarks use assignment-service's plain jar; its executable (-exec) jar is not needed, so its repackage
  # step is skipped (it also fails while the service has no main class).
  mvn -q -B -DskipTests -Dspring-boot.repackage.skip=true -pl benchmarks -am package
fi
RESULT=${JMH_RESULT:-bench/results/assignment-jmh.json}
read -r -a SETTINGS <<<"${JMH_SETTINGS:--f 1 -wi 2 -w 2s -i 3 -r 3s}"
mkdir -p "$(dirname "$RESULT")"
exec java -jar "$JAR" "${SETTINGS[@]}" -tu s -bm thrpt -rf json -rff "$RESULT" "$@"
