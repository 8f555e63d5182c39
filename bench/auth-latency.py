#!/usr/bin/env python3
"""What authentication costs per request, on a running local stack (./switchboard up): N sequential requests on one
connection through the gateway, with the local admin key and without one (an anonymous read, allowed locally), and
the same read straight to task-service (no gateway at all, with the gateway token the service requires); prints the percentiles of each. For the gateway without
its security filters at all, restart it with SWITCHBOARD_SECURITY_ENABLED=false and run with the 'anonymous' case.
Usage: bench/auth-latency.py [requests=2000] [path=/api/tasks/TASK-001]"""
import http.client, sys
import stack

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
path = sys.argv[2] if len(sys.argv) > 2 else "/api/tasks/TASK-001"
key = stack.credential("ADMIN_KEY")


def run(label, host, port, headers):
    import time
    c = http.client.HTTPConnection(host, port)
    for _ in range(200):  # warm-up
        c.request("GET", path, headers=headers); c.getresponse().read()
    lat = []
    for _ in range(n):
        t = time.perf_counter()
        c.request("GET", path, headers=headers)
        r = c.getresponse(); r.read()
        lat.append((time.perf_counter() - t) * 1000)
        assert r.status == 200, (label, r.status)
    lat.sort()
    print(f"{label:28} n={n} p50={lat[n // 2]:.2f}ms p90={lat[int(n * .9)]:.2f}ms p99={lat[int(n * .99)]:.2f}ms")


run("task-service directly", stack.SERVICE_HOST, int(stack.INFO["SWITCHBOARD_TASK_PORT"]),
    {"X-Switchboard-Gateway-Token": stack.gateway_token()})
run("gateway, anonymous read", "localhost", stack.GATEWAY_PORT, {})
run("gateway, X-API-Key", "localhost", stack.GATEWAY_PORT, {"X-API-Key": key})
