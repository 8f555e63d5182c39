#!/usr/bin/env bash
# JMH benchmarks of the assignment decider's pure core (selection and queue order) at the issue's scale: 10,000
# agents, 200 capabilities, 100,000 pending tasks, on one thread. Builds benchmarks/target/benchmarks.jar if it is
# missing (delete it, or run the mvn line below, after changing assignment-service or the benchmarks), then runs
# every benchmark in throughput mode and also writes the results as JSON to bench/results/assignment-jmh.json.
# Extra arguments go to JMH, e.g.:
#   bench/assignment-jmh.sh SelectorBenchmark           # one class (a regex over benchmark names)
#   bench/assignment-jmh.sh planRound -p maxPlacements=1000
#   bench/assignment-jmh.sh -prof gc                    # allocation per op
# Numbers from a shared 2-core machine with other builds running are noisy: compare runs made on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
if [[ ! -f $JAR ]]; then
  # The benchmarks use assignment-service's plain jar; its executable (-exec) jar is not needed, so its repackage
  # step is skipped (it also fails while the service has no main class).
  mvn -q -B -DskipTests -Dspring-boot.repackage.skip=true -pl benchmarks -am package
fi
mkdir -p bench/results
exec java -jar "$JAR" -f 1 -wi 2 -w 2s -i 3 -r 3s -tu s -bm thrpt \
  -rf json -rff bench/results/assignment-jmh.json "$@"
