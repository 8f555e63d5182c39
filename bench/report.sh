#!/usr/bin/env bash
# The benchmark report: one command that builds what it needs, starts the local stack (./switchboard up --detach
# --fresh --no-demo), measures, stops the stack again (also on failure or Ctrl-C) and writes
# benchmarks/target/report/report.md with its PNG charts (raw data and logs under benchmarks/target/report/data).
#
#   bench/report.sh            # the full run, about 15-20 minutes on a 2-core machine
#   bench/report.sh --quick    # every section with small sizes, a few minutes
#   bench/report.sh --no-build # use the jars already built
#
# Sections, in order: the raw Kafka ceiling (Kafka's own ProducerPerformance and EndToEndLatency against the same
# broker), end-to-end lifecycle throughput with simulated agents (with CPU per process and a JFR profile of the
# busiest), create-to-assigned latency as a WebSocket client sees it at fixed rates, REST throughput through the
# gateway, recovery of a restarted task-service with 1,000,000 tasks in task.state, the dashboard in Chromium with
# 100,000 open tasks beside those (first tasks on screen, counts, heap), then, with the stack stopped, the
# assignment JMH benchmarks (bench/assignment-jmh.sh) and the SLA timers (bench/sla-timers.sh). A section that
# fails is marked in the report with its log; the others still run.
#
# The stack is ./switchboard's: its ports, JVM options and state folder (SWITCHBOARD_*_PORT, SWITCHBOARD_JAVA_OPTS,
# SWITCHBOARD_STATE_DIR) apply, and this script learns where things are from `./switchboard info`, never on its own.
# SWITCHBOARD_RECOVERY_JAVA_OPTS sets the JVM options of the task-service restarted for the recovery section.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

OUT=benchmarks/target/report
DATA=$OUT/data
JAR=benchmarks/target/benchmarks.jar
LOG4J=local/broker/log4j2.xml

eval "$(./switchboard info)" # STATE_DIR, RUN_DIR, LOG_DIR, BROKER_LIB, CREDENTIALS_FILE, BOOTSTRAP, the ports ...
GW_PORT=$SWITCHBOARD_GATEWAY_PORT
BROKER_PORT=${SWITCHBOARD_BROKER_PORT:-9092}
GATEWAY=http://127.0.0.1:$GW_PORT
RECOVERY_OPTS=${SWITCHBOARD_RECOVERY_JAVA_OPTS:--Xmx3g -XX:+UseSerialGC -XX:TieredStopAtLevel=1}
# A million tasks need a heap of about 1.5 GB in task-service (every instance holds all tasks), hence -Xmx3g here.
# The gateway allows 1,000 requests a second per key by default; the REST section measures the services, not that.
export SWITCHBOARD_SECURITY_RATE_LIMIT_REQUESTS=${SWITCHBOARD_SECURITY_RATE_LIMIT_REQUESTS:-1000000}
SERVICES=(task-service agent-registry-service assignment-service sla-monitor-service notifier-gateway)

say() { printf '%s\n' "report: $*" >&2; }
now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }
secs_since() { awk -v a="$1" -v b="$(now_ms)" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }
bench_java() { java -XX:+UseParallelGC -Djava.awt.headless=true -cp "$JAR" "$@"; }
kafka_tool() { java -Xmx512m -Dlog4j2.configurationFile="$ROOT/$LOG4J" -cp "$BROKER_LIB/*" "$@"; }
pid_of() { ./switchboard pid "$1"; }
admin_key() { sed -n 's/^ADMIN_KEY=//p' "$CREDENTIALS_FILE"; }
ticks() { # CPU time of a pid in clock ticks (user + system), 0 when it is gone
  awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}
machine_busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }

# Sizes: --quick for a look in a few minutes, the default for the figures.
set_sizes() {
  if [[ $MODE == quick ]]; then
    PERF_RECORDS=200000 E2E_RECORDS=2000
    LC_WARMUP=1000 LC_TASKS=4000 LC_WINDOW=1000 LC_AGENTS=10
    LAT_RATES=200,1000 LAT_WARMUP=2 LAT_SECONDS=5
    REST_CONNECTIONS=16 REST_SECONDS=5 REST_WARMUP=2
    RECOVERY_TASKS=100000 DASHBOARD_OPEN=20000 QUERY_TASKS=1000000
    JMH_SETTINGS='-f 1 -wi 1 -w 1s -i 1 -r 1s'
    SLA_ARGS='200000 5 200'
  else
    PERF_RECORDS=1000000 E2E_RECORDS=10000
    LC_WARMUP=3000 LC_TASKS=30000 LC_WINDOW=2000 LC_AGENTS=20
    LAT_RATES=200,1000 LAT_WARMUP=5 LAT_SECONDS=20
    REST_CONNECTIONS=16 REST_SECONDS=10 REST_WARMUP=3
    RECOVERY_TASKS=1000000 DASHBOARD_OPEN=100000 QUERY_TASKS=10000000
    JMH_SETTINGS='-f 1 -wi 1 -w 2s -i 2 -r 2s'
    SLA_ARGS='1000000 20 200'
  fi
}

# ---------------------------------------------------------------- sections --
# Each runs in its own bash process (bench/report.sh __section NAME), so `set -e` holds inside it and a failure
# ends only that section.

section_kafka() {
  local topic=bench.kafka-ceiling e2e_topic=bench.kafka-e2e
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$topic" --partitions 6 --replication-factor 1
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$e2e_topic" --partitions 1 --replication-factor 1
  local producer_args="--topic $topic --num-records $PERF_RECORDS --record-size 512 --throughput -1 --producer-props bootstrap.servers=$BOOTSTRAP acks=all linger.ms=5"
  local e2e_args="$BOOTSTRAP $e2e_topic $E2E_RECORDS all 512"
  # shellcheck disable=SC2086
  kafka_tool org.apache.kafka.tools.ProducerPerformance $producer_args | tee "$DATA/kafka-producer.txt"
  # shellcheck disable=SC2086
  kafka_tool org.apache.kafka.tools.EndToEndLatency $e2e_args | tee "$DATA/kafka-e2e.txt"
  cat >"$DATA/kafka.properties" <<EOF
producer=$PERF_RECORDS × 512 B, acks=all, linger.ms=5, 6 partitions
producer_args=$producer_args
e2e=$E2E_RECORDS × 512 B, acks=all, one at a time
e2e_args=$e2e_args
EOF
}

section_lifecycle() {
  local key
  key=$(admin_key)
  say "lifecycle warm-up: $LC_WARMUP tasks"
  bench_java -Xmx512m io.switchboard.bench.report.LifecycleBench --bootstrap="$BOOTSTRAP" --gateway="$GATEWAY" \
    --key="$key" --tasks="$LC_WARMUP" --agents="$LC_AGENTS" --window="$LC_WINDOW" --timeout-s=300 \
    --name=lifecycle-warmup --out="$DATA"

  topic_sizes >"$DATA/topics-before-lifecycle.properties"
  with_profile lifecycle bench_java -Xmx1g io.switchboard.bench.report.LifecycleBench --bootstrap="$BOOTSTRAP" \
    --gateway="$GATEWAY" --key="$key" --tasks="$LC_TASKS" --agents="$LC_AGENTS" --window="$LC_WINDOW" \
    --timeout-s=900 --name=lifecycle --out="$DATA"
  topic_sizes >"$DATA/topics-after-lifecycle.properties"
  # What the run wrote to each topic (log bytes on the broker: records, batch headers, commit markers).
  awk -F= 'NR == FNR { before[$1] = $2; next } { printf "topic.%s=%d\n", $1, $2 - before[$1] }' \
    "$DATA/topics-before-lifecycle.properties" "$DATA/topics-after-lifecycle.properties" >"$DATA/bytes-lifecycle.properties"
}

topic_sizes() { # topic=bytes for every topic the broker holds
  kafka_tool org.apache.kafka.tools.LogDirsCommand --bootstrap-server "$BOOTSTRAP" --describe | python3 bench/topic-sizes.py
}

# with_profile NAME cmd...: runs cmd while recording every JVM of the stack with JFR (settings=profile) and the CPU
# time of each process; writes data/cpu-NAME.properties and the top frames of the two busiest processes to
# data/profile-NAME-RANK-PROCESS.md.
with_profile() {
  local label=$1
  shift
  local -A pids before
  local name
  pids[broker]=$(pid_of broker)
  for name in "${SERVICES[@]}"; do pids[$name]=$(pid_of "$name"); done
  for name in "${!pids[@]}"; do
    jcmd "${pids[$name]}" JFR.start name="$label" settings=profile "filename=$ROOT/$DATA/jfr-$label-$name.jfr" >/dev/null
    before[$name]=$(ticks "${pids[$name]}")
  done
  local machine_before start status=0
  machine_before=$(machine_busy_ticks)
  start=$(now_ms)
  "$@" || status=$?
  local wall machine_after hz
  wall=$(secs_since "$start")
  machine_after=$(machine_busy_ticks)
  hz=$(getconf CLK_TCK)
  {
    echo "wall_s=$wall"
    awk -v a="$machine_before" -v b="$machine_after" -v hz="$hz" -v w="$wall" \
      'BEGIN { printf "machine_busy=%.2f\n", (b - a) / hz / w }'
    for name in "${!pids[@]}"; do
      awk -v a="${before[$name]}" -v b="$(ticks "${pids[$name]}")" -v hz="$hz" -v w="$wall" -v n="$name" \
        'BEGIN { printf "cpu.%s=%.2f\n", n, (b - a) / hz / w }'
    done
  } >"$DATA/cpu-$label.properties"
  for name in "${!pids[@]}"; do jcmd "${pids[$name]}" JFR.stop name="$label" >/dev/null || true; done
  cat "$DATA/cpu-$label.properties"
  local rank=1
  for name in $(grep '^cpu\.' "$DATA/cpu-$label.properties" | sort -t= -k2 -rn | head -n 2 | sed 's/^cpu\.//; s/=.*//'); do
    [[ -f $DATA/jfr-$label-$name.jfr ]] && bench_java io.switchboard.bench.report.JfrTop "$name" \
      "$DATA/jfr-$label-$name.jfr" "$DATA/profile-$label-$rank-$name.md" 12
    rank=$((rank + 1))
  done
  return "$status"
}

# The transactional services' time waiting in sendOffsetsToTransaction and commitTransaction (their Kafka clients'
# JMX metrics, attached by pid) and the broker's refusals, before and after the latency runs.
transaction_times() {
  local pids="" name
  for name in task-service agent-registry-service assignment-service sla-monitor-service; do
    pids+="${pids:+,}$name:$(pid_of "$name")"
  done
  bench_java -Xmx128m io.switchboard.bench.report.TransactionTimes --pids="$pids" --broker="$(pid_of broker)" \
    --out="$1"
}

section_latency() {
  transaction_times "$DATA/txn-before-latency.properties"
  bench_java -Xmx1g io.switchboard.bench.report.AssignLatencyBench --bootstrap="$BOOTSTRAP" --gateway="$GATEWAY" \
    --ws="ws://127.0.0.1:$GW_PORT/ws" --key="$(admin_key)" --rates="$LAT_RATES" --warmup-s="$LAT_WARMUP" \
    --seconds="$LAT_SECONDS" --out="$DATA"
  transaction_times "$DATA/txn-after-latency.properties"
}

section_rest() {
  local prefix
  prefix=$(sed -n 's/^prefix=//p' "$DATA/lifecycle.properties" 2>/dev/null || true)
  local ids
  ids=$(sed -n 's/^completed=//p' "$DATA/lifecycle.properties" 2>/dev/null || true)
  if [[ -z $prefix || -z $ids || $ids == 0 ]]; then # no lifecycle run: read the warm-up's tasks
    prefix=$(sed -n 's/^prefix=//p' "$DATA/lifecycle-warmup.properties")
    ids=$(sed -n 's/^completed=//p' "$DATA/lifecycle-warmup.properties")
  fi
  with_profile rest bench_java -Xmx512m io.switchboard.bench.report.RestBench --gateway="$GATEWAY" --key="$(admin_key)" \
    --ids-prefix="$prefix" --ids="$ids" --connections="$REST_CONNECTIONS" --seconds="$REST_SECONDS" \
    --warmup-s="$REST_WARMUP" --out="$DATA"
}

section_recovery() {
  say "killing task-service while $RECOVERY_TASKS task states are written"
  ./switchboard kill task-service >&2
  bench_java -Xmx1g io.switchboard.bench.report.StateLoader --bootstrap="$BOOTSTRAP" --count="$RECOVERY_TASKS" \
    --prefix=rec --out="$DATA"
  # assignment-service reads task.state too: let it finish reading before the clock starts (at most 2 minutes)
  local apid a b i
  apid=$(pid_of assignment-service)
  for ((i = 0; i < 60; i++)); do
    a=$(ticks "$apid"); sleep 2; b=$(ticks "$apid")
    (((b - a) < 2 * $(getconf CLK_TCK) / 5)) && break # under 0.2 cores
  done
  local last
  last=$(sed -n 's/^last_id=//p' "$DATA/recovery-load.properties")
  say "starting task-service ($RECOVERY_OPTS) with $RECOVERY_TASKS more tasks in task.state"
  local start
  start=$(now_ms)
  # ./switchboard starts it as it started the first (environment, gateway token, pid file) and returns once it is
  # ready (it polls readiness every 0.5 s, so "ready" is up to that late).
  SWITCHBOARD_JAVA_OPTS=$RECOVERY_OPTS SWITCHBOARD_READY_TIMEOUT=300 ./switchboard start task-service >&2 ||
    { say "task-service did not start (see $LOG_DIR/task-service.log)"; return 1; }
  local ready serving='' deadline=$((SECONDS + 300)) pid
  ready=$(secs_since "$start")
  pid=$(pid_of task-service)
  # Serving: the last task loaded answers through the gateway (the service's own port answers only the gateway).
  while [[ -z $serving ]] && ((SECONDS < deadline)); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' -m 5 -H "X-API-Key: $(admin_key)" "$GATEWAY/api/tasks/$last") == 200 ]]; then
      serving=$(secs_since "$start")
    else
      sleep 0.1
    fi
  done
  [[ -n $serving ]] || { say "task-service did not serve $last within 300 s"; return 1; }
  say "task-service ready in $ready s, serving $last in $serving s"
  jcmd "$pid" GC.run >/dev/null
  local used
  used=$(curl -fsS "http://$SERVICE_HOST:$SWITCHBOARD_TASK_PORT/actuator/metrics/jvm.memory.used?tag=area:heap" 2>/dev/null |
    grep -o '"value":[0-9.E]*' | cut -d: -f2 || true)
  used=$(awk -v u="${used:-0}" 'BEGIN { printf "%.0f", u / 1048576 }')
  if [[ $used == 0 ]]; then # no metrics endpoint: the GC's own figure
    used=$(jcmd "$pid" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); s += v } }
      END { printf "%.0f", s / 1024 }')
  fi
  cat >"$DATA/recovery.properties" <<EOF
ready_s=$ready
serving_s=$serving
heap_opts=$RECOVERY_OPTS
heap_used_mb=$used
EOF
  cat "$DATA/recovery.properties"
}

# The dashboard with DASHBOARD_OPEN open tasks beside the finished ones of the recovery section: open tasks written
# straight to task.state (as the recovery section does), then Chromium opens the page (dashboard/e2e/first-paint.mjs):
# time to the first tasks and the cards, whether the cards are the server's counts, the page's JS heap, the next
# page and a search; and the API's own time for the page's first request.
section_dashboard() {
  bench_java -Xmx1g io.switchboard.bench.report.StateLoader --bootstrap="$BOOTSTRAP" --count="$DASHBOARD_OPEN" \
    --prefix=open --open=true --results=dashboard-load --out="$DATA"
  local last deadline=$((SECONDS + 300))
  last=$(sed -n 's/^last_id=//p' "$DATA/dashboard-load.properties")
  until [[ $(curl -s -o /dev/null -w '%{http_code}' -m 5 -H "X-API-Key: $(admin_key)" "$GATEWAY/api/tasks/$last") == 200 ]]; do
    ((SECONDS < deadline)) || { say "task-service did not serve $last within 300 s"; return 1; }
    sleep 0.5
  done
  local query="$GATEWAY/api/tasks?limit=100&counts=true" i api_ms=()
  for i in 1 2 3 4 5; do
    api_ms+=("$(curl -s -o /dev/null -w '%{time_total}' -H "X-API-Key: $(admin_key)" "$query" | awk '{ printf "%.0f", $1 * 1000 }')")
  done
  [[ -d dashboard/node_modules/playwright-core ]] || (cd dashboard && npm ci --no-audit --no-fund >&2)
  local page
  page=$(cd dashboard && DASHBOARD_URL="$GATEWAY/" node e2e/first-paint.mjs | tail -n 1)
  echo "$page"
  {
    echo "open_tasks=$DASHBOARD_OPEN"
    echo "api_first_page_ms=${api_ms[*]}"
    echo "page=$page"
  } >"$DATA/dashboard.properties"
  cat "$DATA/dashboard.properties"
}

section_jmh() {
  JMH_SETTINGS=$JMH_SETTINGS JMH_RESULT="$DATA/jmh.json" bench/assignment-jmh.sh
}

section_sla() {
  # shellcheck disable=SC2086
  bench/sla-timers.sh $SLA_ARGS | tee "$DATA/sla-timers.txt"
}

# ------------------------------------------------------------------ driver --

section_engine() { # issue 18's engines side by side and the query store (bench/engine-choice.sh, on this broker)
  say "engines with $RECOVERY_TASKS tasks, the query store with $QUERY_TASKS"
  ENGINE_ON_RUNNING_STACK=1 ENGINE_OUT="$DATA/engine" bench/engine-choice.sh "$RECOVERY_TASKS" "$QUERY_TASKS" >&2
}

run_section() { # name: runs it in its own process, logs to data/NAME.log, notes ok or failed
  local name=$1 started status=ok
  started=$(now_ms)
  say "section $name ..."
  echo "$name.loadavg=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$DATA/sections.properties"
  if ! "$ROOT/bench/report.sh" __section "$name" >"$DATA/$name.log" 2>&1; then
    status="failed"
    say "section $name FAILED (see $DATA/$name.log):"
    tail -n 15 "$DATA/$name.log" >&2
  fi
  echo "$name=$status" >>"$DATA/sections.properties"
  echo "$name.seconds=$(secs_since "$started")" >>"$DATA/sections.properties"
  say "section $name: $status in $(secs_since "$started") s"
}

STACK_UP=0
cleanup() {
  local code=$?
  trap - EXIT INT TERM HUP
  if [[ $STACK_UP == 1 ]]; then
    say "stopping the stack"
    ./switchboard down >&2 || true
  fi
  exit "$code"
}

main() {
  MODE=full
  local build=1 arg
  for arg in "$@"; do
    case $arg in
      --quick) MODE=quick ;;
      --no-build) build=0 ;;
      *) echo "usage: bench/report.sh [--quick] [--no-build]" >&2; exit 2 ;;
    esac
  done
  export MODE
  set_sizes
  local started
  started=$(now_ms)
  if [[ $build == 1 ]]; then
    say "building the services and the benchmarks (mvn -q -B -DskipTests install) ..."
    mvn -q -B -DskipTests install \
      -pl task-service,agent-registry-service,assignment-service,sla-monitor-service,notifier-gateway,benchmarks -am
  fi
  rm -rf "$OUT"
  mkdir -p "$DATA"
  cat >"$DATA/meta.properties" <<EOF
date=$(date -u +%Y-%m-%dT%H:%MZ)
mode=$MODE
commit=$(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo '+changes')
cores=$(nproc)
java=$(java -version 2>&1 | head -n 1 | tr -d '"')
loadavg=$(cut -d' ' -f1-3 /proc/loadavg)
service_opts=$SERVICE_JAVA_OPTS
gateway_opts=$GATEWAY_JAVA_OPTS
rate_limit=SWITCHBOARD_SECURITY_RATE_LIMIT_REQUESTS=$SWITCHBOARD_SECURITY_RATE_LIMIT_REQUESTS
jmh_opts=$JMH_SETTINGS
sla_args=$SLA_ARGS
recovery_tasks=$RECOVERY_TASKS
EOF

  trap cleanup EXIT
  trap 'exit 130' INT TERM HUP
  say "starting the stack (./switchboard up --detach --fresh --no-demo)"
  STACK_UP=1
  ./switchboard up --detach --fresh --no-demo >&2
  run_section kafka
  run_section lifecycle
  run_section latency
  run_section rest
  run_section recovery
  run_section dashboard
  run_section engine
  say "stopping the stack before the in-process benchmarks"
  ./switchboard down >&2 || true
  STACK_UP=0
  run_section jmh
  run_section sla
  bench_java io.switchboard.bench.report.ReportWriter "$OUT"
  say "done in $(secs_since "$started") s: $OUT/report.md"
}

if [[ ${1:-} == __section ]]; then
  set_sizes
  "section_$2"
else
  main "$@"
fi
