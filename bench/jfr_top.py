#!/usr/bin/env python3
"""Summarises CPU samples of a JFR recording: the hottest methods by self time and by total time.
   python3 bench/jfr_top.py recording.jfr [N] [FILTER]
FILTER keeps only samples with a frame containing that text (e.g. io.ttgateway)."""
import collections
import json
import subprocess
import sys

path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
flt = sys.argv[3] if len(sys.argv) > 3 else None
out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", path],
                     capture_output=True, text=True, check=True).stdout
events = json.loads(out)["recording"]["events"]
self_count = collections.Counter()
total_count = collections.Counter()
pkg_count = collections.Counter()
n = 0
for e in events:
    frames = e["values"]["stackTrace"]["frames"] if e["values"].get("stackTrace") else []
    names = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames]
    if not names or (flt and not any(flt in x for x in names)):
        continue
    n += 1
    self_count[names[0]] += 1
    for name in set(names):
        total_count[name] += 1
    pkg_count[".".join(names[0].split(".")[:3])] += 1
print(f"{n} samples")
print("\n-- self time by package (top frame) --")
for k, v in pkg_count.most_common(15):
    print(f"{100 * v / n:5.1f}%  {k}")
print("\n-- self time --")
for k, v in self_count.most_common(top):
    print(f"{100 * v / n:5.1f}%  {k}")
print("\n-- total time --")
for k, v in total_count.most_common(top * 2):
    print(f"{100 * v / n:5.1f}%  {k}")
