#!/usr/bin/env bash
# Issue 18's engine choice, measured on this machine: N finished tasks in a compacted task.state topic, read by the
# kafka-aggregates runtime (StateView: every task decoded into the heap, as each service does on every start) and by
# Kafka Streams (a RocksDB table whose changelog is the topic, EOS v2), each start in its own JVM at the services'
# JVM options: first start, restart after a clean stop, restart after kill -9 with a tail written meanwhile, and a new
# instance with an empty state directory. Runs a fresh local broker with the services stopped (a quiet machine), and
# stops it at the end. Then the queries over finished tasks, from a RocksDB store of QUERY_TASKS tasks with its
# indexes (QueryStoreBench: pages of 100 by status, agent, label, capability, by id, totals within an hour), opened by
# a new JVM as a restarted instance would. Needs the jars built (mvn -B install -DskipTests).
# Usage: bench/engine-choice.sh [tasks=1000000] [query-tasks=10000000]   Results: benchmarks/target/engine/results.txt
# ENGINE_OUT=dir puts them elsewhere; ENGINE_ON_RUNNING_STACK=1 uses the broker of a running ./switchboard up and
# leaves the stack alone (bench/report.sh's engine section).
set -euo pipefail
cd "$(dirname "$0")/.."
TASKS=${1:-1000000}
QUERY_TASKS=${2:-10000000}
TAIL=$((TASKS / 20))
JAR=benchmarks/target/benchmarks.jar
OUT=${ENGINE_OUT:-benchmarks/target/engine}
ON_RUNNING=${ENGINE_ON_RUNNING_STACK:-0}
STATE=$OUT/streams-state
JVM=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError)
rm -rf "$OUT" && mkdir -p "$OUT"

if [[ $ON_RUNNING != 1 ]]; then
  ./switchboard up --detach --fresh --no-demo >"$OUT/up.log" 2>&1
  trap './switchboard down >/dev/null 2>&1 || true' EXIT
  for service in notifier-gateway task-service agent-registry-service assignment-service sla-monitor-service; do
    ./switchboard kill "$service" >/dev/null 2>&1 || true
  done
fi
eval "$(./switchboard info)"

bench() { # bench NAME HEAP ARGS...: one step in its own JVM, its figures on one line of results.txt
  local name=$1 heap=$2
  shift 2
  local line
  line=$(java "${JVM[@]}" "-Xmx$heap" -cp "$JAR" io.switchboard.bench.report.EngineBench --bootstrap="$BOOTSTRAP" \
    --topic-prefix=engine- "$@" 2>"$OUT/$name.err" | sed 's/^[a-z]*\.//' | tr '\n' ' ' || true)
  [[ -n $line ]] || line="failed: $(grep -m1 -o 'OutOfMemoryError.*\|Exception.*' "$OUT/$name.err" || echo see "$OUT/$name.err")"
  printf '%-34s -Xmx%-5s %s\n' "$name" "$heap" "$line" | tee -a "$OUT/results.txt"
}

bench load 1g --step=load --count="$TASKS"
bench runtime 3g --step=runtime --count="$TASKS"
# The services' default heap: the runtime cannot hold a million tasks in it.
bench runtime-default-heap 256m --step=runtime --count="$TASKS"
bench streams-first-start 256m --step=streams --count="$TASKS" --state-dir="$STATE" --app=engine
bench streams-restart-after-stop 256m --step=streams --count="$TASKS" --state-dir="$STATE" --app=engine
bench load-tail 1g --step=load --from="$TASKS" --count=$((TASKS + TAIL))
bench streams-tail-then-kill-9 256m --step=streams --count=$((TASKS + TAIL)) --state-dir="$STATE" --app=engine \
  --crash=true
bench streams-restart-after-kill-9 256m --step=streams --count=$((TASKS + TAIL)) --state-dir="$STATE" --app=engine
bench streams-new-instance 256m --step=streams --count=$((TASKS + TAIL)) --state-dir="$STATE-new" --app=engine
[[ $ON_RUNNING == 1 ]] || ./switchboard down >/dev/null 2>&1 || true

query() { # query NAME ARGS...: the query store's figures, one per line
  local name=$1
  shift
  java "${JVM[@]}" -Xmx256m -cp "$JAR" io.switchboard.bench.report.QueryStoreBench --dir="$OUT/query-store" \
    --count="$QUERY_TASKS" "$@" 2>"$OUT/$name.err" | sed "s/^/$name /" | tee -a "$OUT/results.txt"
}
query query-store-load --step=load
query query-store-query --step=query --queries=1000
rm -rf "$OUT/query-store" "$STATE" "$STATE-new"
