#!/usr/bin/env bash
# How much heap agent-registry-service needs per agent: registers N agents with C capabilities each through the
# gateway of a running local stack (./switchboard up), with the local admin key, then compares the heap used after a full GC before and
# after. Usage: bench/registry-heap.sh [agents=10000] [capabilities=50] [parallel=8]
set -euo pipefail
cd "$(dirname "$0")/.."
AGENTS=${1:-10000} CAPS=${2:-50} PARALLEL=${3:-8}
eval "$(./switchboard info)"
URL=http://localhost:$SWITCHBOARD_GATEWAY_PORT
METRICS=http://$SERVICE_HOST:$SWITCHBOARD_AGENT_PORT/actuator/metrics # the service's own: /actuator needs no token
KEY=$(sed -n 's/^ADMIN_KEY=//p' "$CREDENTIALS_FILE")
PID=$(./switchboard pid agent-registry-service)

heap_after_gc() {
  jcmd "$PID" GC.run >/dev/null
  curl -fsS "$METRICS/jvm.memory.used?tag=area:heap" | grep -o '"value":[0-9.E]*' | cut -d: -f2
}

capabilities=$(for c in $(seq 1 "$CAPS"); do printf '"capability-%03d",' "$c"; done)
capabilities="[${capabilities%,}]"
before=$(heap_after_gc)
start=$(date +%s.%N)
seq 1 "$AGENTS" | xargs -P "$PARALLEL" -I{} curl -fsS -o /dev/null -H 'Content-Type: application/json' -H "X-API-Key: $KEY" \
  -d "{\"id\":\"bench-agent-{}\",\"name\":\"Bench agent {}\",\"capabilities\":$capabilities,\"maxConcurrentTasks\":4,\"heartbeatIntervalMs\":0}" \
  "$URL/api/agents"
took=$(echo "$(date +%s.%N) - $start" | bc)
after=$(heap_after_gc)
count=$(curl -fsS -H "X-API-Key: $KEY" "$URL/api/agents?capability=capability-001" | grep -o '"count":[0-9]*' | cut -d: -f2)
awk -v b="$before" -v a="$after" -v n="$AGENTS" -v c="$CAPS" -v t="$took" -v k="$count" 'BEGIN {
  printf "registered %d agents x %d capabilities in %.1f s (%.0f/s); the registry lists %d of them\n", n, c, t, n / t, k
  printf "heap after full GC: %.1f MB before, %.1f MB after: %.1f MB for the agents, %.2f KB per agent\n",
         b / 1048576, a / 1048576, (a - b) / 1048576, (a - b) / n / 1024
}'
