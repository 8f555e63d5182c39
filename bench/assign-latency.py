#!/usr/bin/env python3
"""Create-to-assigned time on a running local stack (./switchboard up): registers one agent with room for every task,
creates N tasks in AUTO mode through the gateway with the local admin key, waits until all are assigned, and reports the percentiles of
assignedAt - createdAt (both stamped by task-service when it applied the change, so the figure is the time from a
durable create to a durable assignment: the decider's view, its decision and task-service applying it).
Usage: bench/assign-latency.py [tasks=500] [rate-per-second=50]"""
import json, sys, time, uuid, urllib.request
import stack
from datetime import datetime

TASKS = int(sys.argv[1]) if len(sys.argv) > 1 else 500
RATE = float(sys.argv[2]) if len(sys.argv) > 2 else 50.0
TASK_API = AGENT_API = stack.GATEWAY
KEY = stack.credential("ADMIN_KEY")

def call(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json", "X-API-Key": KEY})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())

def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()

run = uuid.uuid4().hex[:8]
capability = "bench-" + run
call("POST", AGENT_API + "/api/agents", {"id": "bench-agent-" + run, "capabilities": [capability],
                                         "maxConcurrentTasks": TASKS, "heartbeatIntervalMs": 0})
time.sleep(1)  # let the decider's view of agents pick the new agent up before the first task
for i in range(TASKS):
    started = time.monotonic()
    call("POST", TASK_API + "/api/tasks", {"name": "bench %d" % i, "priority": "P2", "assignmentMode": "AUTO",
                                           "requiredCapabilities": [capability], "labels": {"bench": run}})
    time.sleep(max(0.0, 1.0 / RATE - (time.monotonic() - started)))
deadline = time.monotonic() + 120
while True:
    tasks = call("GET", TASK_API + "/api/tasks?label=bench:" + run)["tasks"]
    if all(t["assignedAt"] for t in tasks) or time.monotonic() > deadline:
        break
    time.sleep(0.5)
latencies = sorted((instant(t["assignedAt"]) - instant(t["createdAt"])) * 1000 for t in tasks if t["assignedAt"])
def pct(p):
    return latencies[min(len(latencies) - 1, int(len(latencies) * p))]
print("create-to-assigned over %d tasks at %.0f creates/s: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms"
      % (len(latencies), RATE, pct(0.5), pct(0.9), pct(0.99), latencies[-1]))
