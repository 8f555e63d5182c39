#!/usr/bin/env python3
"""What authentication costs per request, on a running local stack (./switchboard up): N sequential requests on one
connection through the gateway, with the local admin key and without one (an anonymous read, allowed locally), and
the same read straight to task-service (no gateway at all); prints the percentiles of each. For the gateway without
its security filters at all, restart it with SWITCHBOARD_SECURITY_ENABLED=false and run with the 'anonymous' case.
Usage: bench/auth-latency.py [requests=2000] [path=/api/tasks/TASK-001]"""
import http.client, sys, pathlib

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
path = sys.argv[2] if len(sys.argv) > 2 else "/api/tasks/TASK-001"
credentials = pathlib.Path(".switchboard/run/credentials").read_text()
key = dict(line.split("=", 1) for line in credentials.split())["ADMIN_KEY"]


def run(label, port, headers):
    import time
    c = http.client.HTTPConnection("localhost", port)
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


run("task-service directly", 8081, {})
run("gateway, anonymous read", 8080, {})
run("gateway, X-API-Key", 8080, {"X-API-Key": key})
