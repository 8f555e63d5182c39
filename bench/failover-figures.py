#!/usr/bin/env python3
"""One row of bench/failover.sh's table, from a simulator timeline (--timeline) and the time of the kill.

usage: failover-figures.py TIMELINE.csv KILLED_EPOCH_MS ROUND SERVICE INSTANCE

The longest pause between two assignments the simulator saw from 1 s before the kill to 30 s after it (the last
assignment before the gap and the first after), the same per partition of task.commands (a task-service instance
owns only some: the pause of its partitions hides in the overall stream), the longest per-partition pause before
the kill for comparison, and create-to-assigned of the tasks created from 5 s before the kill to 10 s after.
"""
import csv
import math
import sys

PARTITIONS = 6  # as ./switchboard creates the topics


def murmur2(data):
    """Kafka's default partitioner (Utils.murmur2): a task's partition without asking Kafka."""
    m, h = 0x5BD1E995, 0x9747B28C ^ len(data)
    whole = len(data) - len(data) % 4
    for i in range(0, whole, 4):
        k = (data[i] | data[i + 1] << 8 | data[i + 2] << 16 | data[i + 3] << 24) * m & 0xFFFFFFFF
        h = (h * m & 0xFFFFFFFF) ^ ((k ^ k >> 24) * m & 0xFFFFFFFF)
    rest = len(data) % 4
    if rest == 3:
        h ^= data[whole + 2] << 16
    if rest >= 2:
        h ^= data[whole + 1] << 8
    if rest >= 1:
        h = (h ^ data[whole]) * m & 0xFFFFFFFF
    h = (h ^ h >> 13) * m & 0xFFFFFFFF
    return h ^ h >> 15


def partition(task):
    return (murmur2(task.encode()) & 0x7FFFFFFF) % PARTITIONS


def longest_pause(times, start, stop):
    times = sorted(t for t in times if start <= t <= stop)
    best = (0, None, None)
    for a, b in zip(times, times[1:]):
        if b - a > best[0]:
            best = (b - a, a, b)
    return best


def pct(values, p):
    return values[min(len(values) - 1, math.ceil(p / 100 * len(values)) - 1)] if values else 0


def main(path, killed, name, service, instance):
    killed = int(killed)
    rows = list(csv.DictReader(open(path)))
    done = [r for r in rows if r["assigned_ms"]]
    by_partition = {}
    for r in done:
        by_partition.setdefault(partition(r["task"]), []).append(int(r["assigned_ms"]))
    window = (killed - 1000, killed + 30000)
    gap, before, after = longest_pause([int(r["assigned_ms"]) for r in done], *window)
    (pgap, pbefore, pafter), worst = max(((longest_pause(t, *window), p) for p, t in by_partition.items()),
                                         default=((0, None, None), None))
    calm = max((longest_pause(t, killed - 25000, killed - 2000)[0] for t in by_partition.values()), default=0)
    near = sorted(int(r["assigned_ms"]) - int(r["created_ms"]) for r in done
                  if killed - 5000 <= int(r["created_ms"]) <= killed + 10000)
    missing = sum(1 for r in rows if not r["assigned_ms"] and killed - 5000 <= int(r["created_ms"]) <= killed + 10000)
    whole = sorted(int(r["assigned_ms"]) - int(r["created_ms"]) for r in done)

    def rel(t):
        return "?" if t is None else f"{(t - killed) / 1000:+.1f} s"

    print(f"| {name} | {service} instance {instance} | {gap} ms ({rel(before)} to {rel(after)}) "
          f"| {pgap} ms on partition {worst} ({rel(pbefore)} to {rel(pafter)}); before the kill at most {calm} ms "
          f"| {pct(near, 50)} / {pct(near, 99)} / {near[-1] if near else 0} ms over {len(near)} tasks"
          f"{f', {missing} never assigned' if missing else ''} | {pct(whole, 50)} / {pct(whole, 99)} ms over "
          f"{len(whole)} |")


if __name__ == "__main__":
    main(*sys.argv[1:])
