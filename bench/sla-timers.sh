#!/usr/bin/env bash
# A million SLA timers in the SLA monitor's timer heap: the heap they take and how late they fire.
#   bench/sla-timers.sh [timers=1000000] [spread-seconds=20] [tick-ms=200]
# Runs in a 256 MB heap, the budget the figures are held to. Builds benchmarks/target/benchmarks.jar if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
if [[ ! -f $JAR ]]; then
  mvn -q -B -DskipTests -Dspring-boot.repackage.skip=true -pl benchmarks -am package
fi
exec java -Xmx256m -XX:+UseSerialGC -cp "$JAR" io.switchboard.bench.SlaTimersBench "$@"
