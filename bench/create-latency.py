#!/usr/bin/env python3
"""REST create latency on a running local stack (./switchboard up): N sequential POST /api/tasks on one connection
through the gateway with the local admin key, each waiting for its answer (which comes once the task is durable in
Kafka); prints the percentiles.
Usage: bench/create-latency.py [creates=500]"""
import http.client, json, time, sys
import stack
n=int(sys.argv[1]) if len(sys.argv)>1 else 500
c=http.client.HTTPConnection("localhost",stack.GATEWAY_PORT)
key=stack.credential("ADMIN_KEY")
lat=[]
for i in range(n):
    body=json.dumps({"name":"bench","priority":"P2"})
    t=time.perf_counter()
    c.request("POST","/api/tasks",body,{"Content-Type":"application/json","X-API-Key":key})
    r=c.getresponse(); r.read()
    lat.append((time.perf_counter()-t)*1000)
    assert r.status==201, r.status
lat.sort()
print(f"n={n} p50={lat[n//2]:.1f}ms p90={lat[int(n*.9)]:.1f}ms p99={lat[int(n*.99)]:.1f}ms max={lat[-1]:.1f}ms")
