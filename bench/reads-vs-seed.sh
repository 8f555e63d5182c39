#!/usr/bin/env bash
# The REST API side by side with the seed's server, measured with wrk in one run: reads of one task, of the task
# list and of the agents, and progress updates (each of 50 connections on its own task, and all on one hot task),
# through the gateway (8080) and straight on the service behind it. Against a running system with the demo data:
#
#   SWITCHBOARD_SECURITY_RATE_LIMIT_REQUESTS=1000000 ./switchboard up --detach --fresh
#   SEED_URL=http://127.0.0.1:3000 bench/reads-vs-seed.sh   # SEED_URL: the seed's own server, started beside by hand
#
# (The gateway allows 1,000 requests a second per key by default, which wrk exceeds: the seed's server has no limit,
# and this measures speed, so the run above lifts it.)
#
# Without SEED_URL only Switchboard is measured. Every case gets a warm-up (WARMUP_S, 5 s), then
# wrk -t2 -c$CONNECTIONS -d${SECONDS_EACH}s --latency (50 connections, 10 s). The table (req/s, p50, p99, non-2xx) goes
# to stdout and to benchmarks/target/reads-vs-seed.md; wrk's own output to benchmarks/target/reads-vs-seed/.
# The gateway's CPU per proxied request is measured from /proc over each gateway case, and so is that of a bare
# Reactor Netty proxy (benchmarks' BareProxy) in front of task-service. Needs wrk (Debian: apt-get install wrk),
# python3 and the benchmarks jar (mvn -pl benchmarks -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS=${CONNECTIONS:-50}
SECONDS_EACH=${SECONDS_EACH:-10}
WARMUP_S=${WARMUP_S:-5}
SEED_URL=${SEED_URL:-}
BARE_PORT=${BARE_PORT:-18090}
OUT=benchmarks/target/reads-vs-seed
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }

eval "$(./switchboard info)"
GATEWAY=http://127.0.0.1:$SWITCHBOARD_GATEWAY_PORT
TASKS=http://$SERVICE_HOST:$SWITCHBOARD_TASK_PORT
AGENTS=http://$SERVICE_HOST:$SWITCHBOARD_AGENT_PORT
ADMIN_KEY=$(sed -n 's/^ADMIN_KEY=//p' "$CREDENTIALS_FILE")
TOKEN=$(cat "$TOKEN_FILE")
GATEWAY_PID=$(./switchboard pid notifier-gateway)
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)

# Lua for wrk: a method, a body and headers; progress updates rotate over a list of task ids (so the requests in
# flight are on different tasks) and a progress value that changes every time (an unchanged one is not a write).
lua() { # file method path-or-ids header...
  local file=$1 method=$2 target=$3
  shift 3
  {
    echo "local headers = {}"
    for header in "$@"; do echo "headers[\"${header%%:*}\"] = \"${header#*: }\""; done
    echo 'headers["Content-Type"] = "application/json"'
    if [[ $method == PUT ]]; then
      echo "local ids = {$target}"
      echo 'local n = 0'
      echo 'request = function()'
      echo '  n = n + 1'
      echo '  local id = ids[(n % #ids) + 1]'
      echo '  return wrk.format("PUT", "/api/tasks/" .. id .. "/progress", headers, "{\"progress\":" .. ((n % 98) + 1) .. "}")'
      echo 'end'
    else
      echo "request = function() return wrk.format(\"GET\", \"$target\", headers) end"
    fi
  } >"$file"
}

ROWS=()
measure() { # label url lua-file [pid whose CPU per request to report]
  local label=$1 url=$2 script=$3 proxy=${4:-}
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP_S}s" -s "$script" "$url" >/dev/null
  local before=0
  [[ -n $proxy ]] && before=$(ticks "$proxy")
  local file="$OUT/$(echo "$label" | tr ' /{}' '____').txt"
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -s "$script" "$url" >"$file"
  local cpu_us=""
  if [[ -n $proxy ]]; then
    local after requests
    after=$(ticks "$proxy")
    requests=$(awk '/requests in/ { print $1 }' "$file")
    cpu_us=$(awk -v t=$((after - before)) -v hz="$HZ" -v r="$requests" 'BEGIN { printf "%.0f", t / hz * 1e6 / r }')
  fi
  ROWS+=("$(python3 - "$label" "$file" "$cpu_us" <<'PY'
import re, sys
label, path, cpu = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
def latency(p):
    m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)" % p, text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)
print(f"{label}|{rps:.0f}|{latency(50):.1f}|{latency(99):.1f}|{bad.group(1) if bad else 0}"
      f"|{errors.group(1) if errors else ''}|{cpu}")
PY
)")
  echo "${ROWS[-1]}" >&2
}

create_tasks() { # base-url header... : one task per connection, assigned to a bench agent and started, so that
  # progress is legal (a PENDING task refuses it) and stays so: an assignment not started within the decider's ack
  # timeout (2 min) goes back to the queue, and the read cases run before the progress ones take longer than that
  # (the 409s "Illegal transition from PENDING to IN_PROGRESS" earlier runs counted as non-2xx); ids on stdout, quoted
  local base=$1
  shift
  local args=() agent="bench-progress-$RANDOM"
  for header in "$@"; do args+=(-H "$header"); done
  curl -fsS -o /dev/null -X POST "$base/api/agents" -H 'Content-Type: application/json' "${args[@]}" \
    -d "{\"id\":\"$agent\",\"capabilities\":[\"$agent\"],\"maxConcurrentTasks\":$CONNECTIONS,\"heartbeatIntervalMs\":0}"
  for i in $(seq 1 "$CONNECTIONS"); do
    local id
    id=$(curl -fsS -X POST "$base/api/tasks" -H 'Content-Type: application/json' "${args[@]}" \
      -d "{\"name\":\"progress bench $i\",\"priority\":\"P3\",\"assignmentMode\":\"MANUAL\",\"requiredCapabilities\":[\"$agent\"]}" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["task"]["id"])')
    curl -fsS -o /dev/null -X POST "$base/api/tasks/$id/assign" -H 'Content-Type: application/json' "${args[@]}" \
      -d "{\"agentId\":\"$agent\"}"
    curl -fsS -o /dev/null -X POST "$base/api/tasks/$id/start" "${args[@]}"
    echo "$id"
  done | sed 's/.*/"&"/' | paste -sd, -
}

L=$OUT/lua
mkdir -p "$L"
if [[ -n $SEED_URL ]]; then
  lua "$L/seed-one.lua" GET /api/tasks/TASK-001
  lua "$L/seed-list.lua" GET /api/tasks
  lua "$L/seed-agents.lua" GET /api/agents
  # The seed's server cannot create tasks (no POST /api/tasks): its ten demo tasks, in turn.
  lua "$L/seed-progress.lua" PUT "$(seq -f '"TASK-%03g"' 1 10 | paste -sd, -)"
  lua "$L/seed-hot.lua" PUT '"TASK-001"'
  measure "seed GET /api/tasks/TASK-001" "$SEED_URL" "$L/seed-one.lua"
  measure "seed GET /api/tasks" "$SEED_URL" "$L/seed-list.lua"
  measure "seed GET /api/agents" "$SEED_URL" "$L/seed-agents.lua"
  measure "seed PUT progress, its 10 tasks in turn" "$SEED_URL" "$L/seed-progress.lua"
  measure "seed PUT progress, one task" "$SEED_URL" "$L/seed-hot.lua"
fi
KEY="X-API-Key: $ADMIN_KEY"
TOKEN_HEADER="X-Switchboard-Gateway-Token: $TOKEN"
lua "$L/gw-one.lua" GET /api/tasks/TASK-001 "$KEY"
lua "$L/gw-list.lua" GET '/api/tasks?limit=10' "$KEY"
lua "$L/gw-agents.lua" GET /api/agents "$KEY"
lua "$L/direct-one.lua" GET /api/tasks/TASK-001 "$TOKEN_HEADER"
lua "$L/direct-list.lua" GET '/api/tasks?limit=10' "$TOKEN_HEADER"
lua "$L/direct-agents.lua" GET /api/agents "$TOKEN_HEADER"
ids=$(create_tasks "$GATEWAY" "$KEY")
lua "$L/gw-progress.lua" PUT "$ids" "$KEY"
lua "$L/direct-progress.lua" PUT "$ids" "$TOKEN_HEADER"
lua "$L/gw-hot.lua" PUT '"TASK-001"' "$KEY"
measure "gateway GET /api/tasks/TASK-001" "$GATEWAY" "$L/gw-one.lua" "$GATEWAY_PID"
measure "gateway GET /api/tasks" "$GATEWAY" "$L/gw-list.lua" "$GATEWAY_PID"
measure "gateway GET /api/agents" "$GATEWAY" "$L/gw-agents.lua" "$GATEWAY_PID"
# The floor for the gateway's cost: a bare Reactor Netty proxy in front of task-service, the gateway's JVM options.
java $GATEWAY_JAVA_OPTS -cp benchmarks/target/benchmarks.jar io.switchboard.bench.proxy.BareProxy "$BARE_PORT" \
  "$TASKS" "$TOKEN_HEADER" >"$OUT/bare-proxy.log" 2>&1 &
BARE_PID=$!
trap 'kill $BARE_PID 2>/dev/null || true' EXIT
until curl -fsS -o /dev/null "http://127.0.0.1:$BARE_PORT/api/tasks/TASK-001"; do sleep 0.2; done
lua "$L/bare-one.lua" GET /api/tasks/TASK-001
measure "bare proxy GET /api/tasks/TASK-001" "http://127.0.0.1:$BARE_PORT" "$L/bare-one.lua" "$BARE_PID"
measure "task-service GET /api/tasks/TASK-001" "$TASKS" "$L/direct-one.lua"
measure "task-service GET /api/tasks" "$TASKS" "$L/direct-list.lua"
measure "registry GET /api/agents" "$AGENTS" "$L/direct-agents.lua"
measure "gateway PUT progress, own tasks" "$GATEWAY" "$L/gw-progress.lua" "$GATEWAY_PID"
measure "task-service PUT progress, own tasks" "$TASKS" "$L/direct-progress.lua"
measure "gateway PUT progress, one task" "$GATEWAY" "$L/gw-hot.lua" "$GATEWAY_PID"

{
  echo "wrk -t2 -c$CONNECTIONS -d${SECONDS_EACH}s --latency after ${WARMUP_S} s of warm-up, $(date -u +%FT%TZ)"
  echo
  echo "| Request | req/s | p50 ms | p99 ms | non-2xx | socket errors | gateway CPU µs/request |"
  echo "|---|---|---|---|---|---|---|"
  for row in "${ROWS[@]}"; do echo "| ${row//|/ | } |"; done
} | tee benchmarks/target/reads-vs-seed.md
