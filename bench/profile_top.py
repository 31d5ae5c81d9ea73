#!/usr/bin/env python3
"""Summarises the samples of a profile: the hottest methods by self and by total samples.
   python3 bench/profile_top.py PROFILE [N] [TEXT ...]
PROFILE: a JFR recording (.jfr; its jdk.ExecutionSample events, Java threads only) or async-profiler's
collapsed stacks (frames joined by ';', then a count; all threads, so also the share per thread kind).
With TEXT arguments, prints instead the share of samples with a frame containing each text
(e.g. WebhookParser.parse)."""
import collections
import json
import subprocess
import sys

path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
texts = sys.argv[3:]


def jfr_stacks(recording):
    out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", recording],
                         capture_output=True, text=True, check=True).stdout
    for event in json.loads(out)["recording"]["events"]:
        trace = event["values"].get("stackTrace")
        frames = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in trace["frames"]] if trace else []
        if frames:
            yield list(reversed(frames)), 1  # JFR lists the leaf first


def collapsed_stacks(lines):
    for line in lines:
        if not line.strip():
            continue
        frames, _, count = line.rstrip("\n").rpartition(" ")
        yield frames.split(";"), int(count)


def thread_kind(frames):
    joined = ";".join(frames)
    if "CompileBroker" in joined:
        return "JIT compilers"
    if "VMThread" in joined or "GCTaskThread" in joined:
        return "VM thread (serial collector's pauses) and GC"
    return "Java threads" if frames[0].startswith("java/lang/Thread.run") else "other native threads"


def print_top(title, counter, n):
    print(f"\n-- {title} --")
    for k, v in counter.most_common(n):
        print(f"{100 * v / total:5.1f}%  {k}")


is_jfr = path.endswith(".jfr")
stacks = list(jfr_stacks(path)) if is_jfr else list(collapsed_stacks(open(path)))
total = sum(n for _, n in stacks) or 1
print(f"{total} samples")
if texts:
    for text in texts:
        n = sum(n for frames, n in stacks if any(text in f for f in frames))
        print(f"{100 * n / total:5.1f}%  {text}")
    sys.exit(0)
kinds, self_count, total_count = collections.Counter(), collections.Counter(), collections.Counter()
for frames, n in stacks:
    kinds[thread_kind(frames)] += n
    self_count[frames[-1]] += n
    for f in set(frames):
        total_count[f] += n
if not is_jfr:
    print_top("threads", kinds, 4)
print_top("self", self_count, top)
print_top("total", total_count, top * 2)
