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
# Measured (2 cores shared with other engineers' builds, load average 8 to 15 throughout, so noisy; stack started
# with `SWITCHBOARD_*_PORT=1808x SWITCHBOARD_BROKER_PORT=19092 ./switchboard up --detach --fresh --no-demo`, default
# gateway settings, frames of about 0.9 KB), from `bench/ws-fanout.sh --clients=10,50,100,200,300,500,1000,2000
# --all=true` (beyond 100 its rounds only inherited 100's backlog: nothing to read there), a single `--clients=80`
# and three runs of `bench/ws-fanout.sh --clients=10,20,30,40,50,60,70,80,100`: at 1,000
# events/s one gateway held 10 clients with p50 4-20 ms and p99 46-293 ms; 30 clients in both runs that reached 30
# (p50 9-36 ms, p99 253-477 ms, every event delivered); 50 clients once, at the quietest moment (p50 244 ms, p99
# 751 ms). One run fell behind already at 20 (p99 1.07 s), both runs that reached 40 fell behind there (p99 1.5 s;
# or p99 1.0 s with 7 clients sent `lagged` and dropped), 80 clients had p99 10.3 s and 100 clients 14.8 s. So
# 20 to 50 clients, 20,000 to 50,000 frames a second per gateway here. The limit is one thread: the hub's Kafka
# reader (`live-events`) runs every client's filter, JSON serialisation (once per client, not once per event) and
# hand-off to Netty itself (seen in jstack; the gateway then uses 1.0 core and no more). When it falls behind, the
# backlog grows in Kafka, before the clients' buffers, so clients get ever later events rather than `lagged`.
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
