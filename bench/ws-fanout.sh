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
#
# Measured, after the hub serialises each frame once and hands each client's writes to a worker (2 cores shared
# by the broker, the five services, this bench and other builds; `./switchboard up --detach --fresh --no-demo`, then
# `bench/ws-fanout.sh --clients=10,50,100,200,400,800`, frames of about 0.9 KB): at 1,000 events/s one gateway held
# 10 clients with p50 3 ms, p99 11 ms; 50 with p50 4 ms, p99 32 ms; 100 with p50 6 ms, p99 42 ms (0.61 cores for
# the gateway, 0.75 for the bench); 200 with every event delivered but p50 176 ms, p99 642 ms (gateway 0.69 cores,
# bench 0.89: the machine was full). At 400 every client overflowed its buffer, got `lagged` and was dropped. So
# about 200 clients, 200,000 frames a second, here; the bench's own clients share the 2 cores, so this is a lower
# bound. Before that change (one thread serialising per client) the same machine held 20 to 50 clients.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
if [[ ! -f $JAR ]]; then
  mvn -q -B -DskipTests -Dspring-boot.repackage.skip=true -pl benchmarks -am package
fi
eval "$(./switchboard info)"
gateway_pid=()
if pid=$(./switchboard pid notifier-gateway 2>/dev/null); then
  gateway_pid=(--gateway-pid="$pid")
fi
exec java -Xmx1g -cp "$JAR" io.switchboard.bench.ws.WsFanoutBench \
  --url="ws://localhost:$SWITCHBOARD_GATEWAY_PORT/ws" --bootstrap="$BOOTSTRAP" "${gateway_pid[@]}" "$@"
