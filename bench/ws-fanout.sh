#!/usr/bin/env bash
# How many WebSocket clients one gateway holds while it relays 1,000 events a second, and how late the frames come:
# against a running local stack (./switchboard up --detach --fresh --no-demo), opens N clients on the gateway's /ws
# for each N, produces task:sla-warning events for one made-up task straight to Kafka at the rate (only the gateway
# reads that topic, so nothing else of the stack is loaded), and prints per N the frames each client received per
# second, the events missed, lagged frames and closed sockets, p50/p99/max of receipt time minus the Kafka record's
# timestamp, and the CPU the gateway and the bench used. It stops after the first N that falls behind or whose p99
# passes 1 s. Builds benchmarks/target/benchmarks.jar if it is missing. Options go to the Java main, e.g.:
#   bench/ws-fanout.sh --clients=10,100,500,1000,2000 --rate=1000 --seconds=10
#   bench/ws-fanout.sh --clients=50,100,150,200 --all=true
# The ports come from SWITCHBOARD_GATEWAY_PORT and SWITCHBOARD_BROKER_PORT, as for ./switchboard.
# The bench runs on the same machine as the stack and takes CPU from it: on a small machine the figures are a lower
# bound of what the gateway does alone.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
if [[ ! -f $JAR ]]; then
  mvn -q -B -DskipTests -Dspring-boot.repackage.skip=true -pl benchmarks -am package
fi
pid_file=.switchboard/run/notifier-gateway.pid
gateway_pid=()
if [[ -f $pid_file ]]; then
  gateway_pid=(--gateway-pid="$(<"$pid_file")")
fi
exec java -Xmx1g -cp "$JAR" io.switchboard.bench.ws.WsFanoutBench \
  --url="ws://localhost:${SWITCHBOARD_GATEWAY_PORT:-8080}/ws" \
  --bootstrap="localhost:${SWITCHBOARD_BROKER_PORT:-9092}" "${gateway_pid[@]}" "$@"
