#!/usr/bin/env bash
# The failover benchmark: the local stack with two instances of every service that keeps aggregates (task-service,
# agent-registry-service, assignment-service, sla-monitor-service; one gateway, in front of the first instances),
# load from the agent simulator, and a SIGKILL in the middle of it, in two rounds:
#
#   1. the active decider (whichever assignment-service instance owns assignment.requests);
#   2. a task-service instance (the second one: the gateway's REST calls go to the first, so creates keep arriving,
#      and wait for the survivor, on the partitions the killed one owned).
#
# For each (bench/failover-figures.py): the gap (the longest pause between two assignments the simulator saw, from
# 1 s before the kill to 30 s after: the last assignment before it and the first after), the same on each partition
# of task.commands (a task-service instance owns some of them: its pause hides in the whole stream), and
# create-to-assigned (the simulator's send of the create to its task:assigned frame) of the tasks created from 5 s
# before the kill to 10 s after, p50/p99/max. A warm-up run comes first; after each round the killed instance is
# started again, so the next round has two again. The load must be one the machine sustains: a backlog (whole-run
# create-to-assigned of seconds) hides the pause behind the work queued before it.
#
#   bench/failover.sh               # build what is missing, 50 tasks/s, both rounds
#   bench/failover.sh --no-build    # use the jars already built
#   bench/failover.sh --rate 100    # another load
#
# Writes benchmarks/target/failover/failover.md and, under data/, each round's simulator timeline (CSV) and log.
# Settings for the services come from the environment as for ./switchboard (SWITCHBOARD_SESSION_TIMEOUT,
# SWITCHBOARD_GROUP_PROTOCOL, ...); ports from the same SWITCHBOARD_*_PORT variables, the second instances on +100.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=benchmarks/target/failover
DATA=$OUT/data
RATE=50
WARM_UP=20    # seconds of load before the kill
AFTER=40      # seconds of load after it
eval "$(./switchboard info)" # the ports, as ./switchboard has them
ASSIGN_PORT=$SWITCHBOARD_ASSIGNMENT_PORT
SERVICES=(task-service agent-registry-service assignment-service sla-monitor-service)

say() { printf '%s\n' "failover: $*" >&2; }
now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }
ready() { curl -fsS -m 2 "http://127.0.0.1:$1/actuator/health/readiness" 2>/dev/null; }

# The instance (1 or 2) of assignment-service that decides now, from its readiness details.
active_decider() {
  local n port
  for n in 1 2; do
    port=$((ASSIGN_PORT + 100 * (n - 1)))
    if ready "$port" | grep -q '"activeDecider":true'; then echo "$n"; return; fi
  done
  return 1
}

# round NAME SERVICE INSTANCE|active: load, kill, figures.
round() {
  local name=$1 service=$2 instance=$3
  say "round $name: $RATE tasks/s for $((WARM_UP + AFTER)) s, a SIGKILL of $service after $WARM_UP s"
  # Capabilities of this round's own: agents of an earlier run are still registered (until they miss their
  # heartbeats, 30 s) and must not be given this round's tasks, which nobody would then start.
  ./switchboard simulate --rate "$RATE" --duration $((WARM_UP + AFTER)) --agents 40 --capacity 10 --work 200-1000 \
    --fail-rate 0 --drain 60 --run-id "fo-$name-$(date +%s)" --capabilities "$name-code,$name-review,$name-docs" \
    --timeline "$DATA/$name.csv" >"$DATA/$name-simulator.log" 2>&1 &
  local simulator=$!
  local until=$((SECONDS + WARM_UP))
  while ((SECONDS < until)); do sleep 0.2; done
  if [[ $instance == active ]]; then
    instance=$(active_decider) || { say "no active decider found"; kill "$simulator"; return 1; }
  fi
  local killed
  killed=$(now_ms)
  ./switchboard kill "$service" --instance "$instance" >&2
  echo "$killed" >"$DATA/$name.killed-ms"
  say "killed $service instance $instance at $killed; waiting for the simulator"
  wait "$simulator" || say "the simulator reported tasks still open (see $DATA/$name-simulator.log)"
  tail -n 3 "$DATA/$name-simulator.log" >&2
  python3 bench/failover-figures.py "$DATA/$name.csv" "$killed" "$name" "$service" "$instance" >>"$DATA/results.md"
  tail -n 1 "$DATA/results.md" >&2
  say "starting $service instance $instance again"
  ./switchboard start "$service" --instance "$instance" >&2
}

cleanup() {
  local code=$?
  trap - EXIT INT TERM HUP
  [[ ${STACK_UP:-0} == 1 ]] && { say "stopping the stack"; ./switchboard down >&2 || true; }
  exit "$code"
}

main() {
  local build=1
  while (($#)); do
    case $1 in
      --no-build) build=0 ;;
      --rate) RATE=$2; shift ;;
      *) echo "usage: bench/failover.sh [--no-build] [--rate PER_SECOND]" >&2; exit 2 ;;
    esac
    shift
  done
  command -v python3 >/dev/null || { echo "failover: python3 is needed for the figures" >&2; exit 1; }
  local load
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  if [[ $build == 1 ]]; then
    # package, not install: ./switchboard runs the jars under each module's target/
    say "building the services and the simulator (mvn -q -B -DskipTests package) ..."
    mvn -q -B -DskipTests package -pl "$(IFS=,; echo "${SERVICES[*]}"),notifier-gateway,agent-simulator,event-contracts" -am
  fi
  rm -rf "$OUT"
  mkdir -p "$DATA"
  trap cleanup EXIT
  trap 'exit 130' INT TERM HUP
  say "starting the stack (./switchboard up --detach --fresh --no-demo), then a second instance of each service"
  STACK_UP=1
  SWITCHBOARD_SKIP_BUILD=1 ./switchboard up --detach --fresh --no-demo >&2
  local service
  for service in "${SERVICES[@]}"; do ./switchboard start "$service" --instance 2 >&2; done
  {
    echo "| Round | Killed (SIGKILL) | Longest pause in assignments, -1 s to +30 s (from, to) | Longest on one partition of task.commands | Create-to-assigned p50 / p99 / max, tasks created -5 s to +10 s | Whole run p50 / p99 |"
    echo "|---|---|---|---|---|---|"
  } >"$DATA/results.md"
  say "warm-up: $RATE tasks/s for 30 s (not measured)"
  ./switchboard simulate --rate "$RATE" --duration 30 --agents 40 --capacity 10 --work 200-1000 --fail-rate 0 \
    --drain 60 --run-id "fo-warmup-$(date +%s)" --capabilities warmup-code,warmup-review,warmup-docs \
    >"$DATA/warmup-simulator.log" 2>&1 || true
  round decider assignment-service active
  round task-service task-service 2
  {
    echo "# Failover"
    echo
    echo "\`bench/failover.sh --rate $RATE\` on $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo '+changes'), $(nproc) cores, load average before: $load."
    echo
    cat "$DATA/results.md"
  } >"$OUT/failover.md"
  cat "$OUT/failover.md"
}

main "$@"
