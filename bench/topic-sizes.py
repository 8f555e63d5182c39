"""Bytes each topic holds on the broker, from Kafka's LogDirsCommand (--describe) JSON on stdin: one `topic=bytes`
line per topic, partitions added up. bench/report.sh takes two of these around a run to tell what the run wrote."""
import collections, json, sys

sizes = collections.Counter()
for line in sys.stdin:
    if not line.startswith("{"):
        continue  # the command's own "Querying brokers ..." lines
    for broker in json.loads(line)["brokers"]:
        for log_dir in broker["logDirs"]:
            for partition in log_dir["partitions"]:
                sizes[partition["partition"].rsplit("-", 1)[0]] += partition["size"]
for topic, size in sorted(sizes.items()):
    print("%s=%d" % (topic, size))
