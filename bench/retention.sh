#!/usr/bin/env bash
# What retention gives back: loads N finished tasks (ended a day ago) straight into task.state of a fresh local stack
# that keeps tasks forever, measures task-service's heap after a full GC, then restarts task-service with a retention
# of an hour and measures how long it takes to archive them all and the heap after. Stops the stack at the end.
# Needs the jars built (mvn -B install -DskipTests). The services get SWITCHBOARD_JAVA_OPTS (here -Xmx768m by default:
# task-service holds every task it keeps in memory). Usage: bench/retention.sh [tasks=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
TASKS=${1:-100000}
export SWITCHBOARD_JAVA_OPTS=${SWITCHBOARD_JAVA_OPTS:--Xmx768m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}
JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/target/retention
mkdir -p "$OUT"
now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }

SWITCHBOARD_TASKS_RETENTION=0 ./switchboard up --detach --fresh --no-demo >"$OUT/up.log" 2>&1
trap './switchboard down >/dev/null 2>&1 || true' EXIT
eval "$(./switchboard info)"
URL=http://localhost:$SWITCHBOARD_GATEWAY_PORT
METRICS=http://$SERVICE_HOST:$SWITCHBOARD_TASK_PORT/actuator/metrics # the service's own: /actuator needs no token
KEY=$(sed -n 's/^ADMIN_KEY=//p' "$CREDENTIALS_FILE")

total() { # the tasks task-service lists; nothing while it answers 503 (still reading task.state)
  curl -s -H "X-API-Key: $KEY" "$URL/api/tasks?limit=1" | grep -o '"total":[0-9]*' | cut -d: -f2 || true
}
heap_after_gc() {
  jcmd "$(./switchboard pid task-service)" GC.run >/dev/null
  curl -fsS "$METRICS/jvm.memory.used?tag=area:heap" | grep -o '"value":[0-9.E]*' | cut -d: -f2
}
wait_total() { # wait_total N: until task-service lists N tasks (at most 10 minutes)
  local deadline=$((SECONDS + 600))
  until [[ $(total) == "$1" ]]; do
    ((SECONDS < deadline)) || { echo "task-service did not reach $1 tasks (it lists $(total))" >&2; exit 1; }
    sleep 0.5
  done
}

empty=$(heap_after_gc)
java -Xmx1g -cp "$JAR" io.switchboard.bench.report.StateLoader --bootstrap="$BOOTSTRAP" \
  --count="$TASKS" --prefix=ret --out="$OUT" >"$OUT/load.log"
wait_total "$TASKS"
kept=$(heap_after_gc)

./switchboard kill task-service >/dev/null # (a crash: what a restart after it costs is what the recovery section measures)
start=$(now_ms)
SWITCHBOARD_TASKS_RETENTION=1h ./switchboard start task-service >/dev/null
wait_total 0
took=$(($(now_ms) - start))
after=$(heap_after_gc)
awk -v n="$TASKS" -v e="$empty" -v k="$kept" -v a="$after" -v t="$took" 'BEGIN {
  printf "%d finished tasks kept forever: task-service heap after full GC %.1f MB (%.1f MB empty: %.2f KB per task)\n",
         n, k / 1048576, e / 1048576, (k - e) / n / 1024
  printf "restarted with a retention of 1 h: all archived %.1f s after the restart began (%.0f tasks/s), heap %.1f MB\n",
         t / 1000, n / (t / 1000), a / 1048576
}'
