#!/usr/bin/env python3
"""tui_steps.py SIZE OUT.tsv RUN.tsv... - the TUI's worst case (issue 17)
from bench/ptyrun script runs (one RUN.tsv per run: NAME, ms, VmRSS KB,
VmHWM KB a line): for each timed step, the median over the runs of its
time less the median of the barrier alone (the step "help": `?` opens the
help screen that tells the keys before it were handled), and the largest
resident set seen after it; appended to OUT.tsv as "op, size, ms, KB".
Steps named "_" set the next one up and are not reported; "timeto" steps
(no barrier) are reported as timed.  A step "peak" reports VmHWM."""

import statistics
import sys

size, out_path, runs = sys.argv[1], sys.argv[2], sys.argv[3:]
times, rss, order, hwm = {}, {}, [], 0
for path in runs:
    for line in open(path):
        name, ms, kb, peak = line.rstrip("\n").split("\t")
        hwm = max(hwm, int(peak))
        if name == "_":
            continue
        if name not in order:
            order.append(name)
        if ms != "-":
            times.setdefault(name, []).append(float(ms))
        rss[name] = max(rss.get(name, 0), int(kb))
base = statistics.median(times["help"]) if "help" in times else 0.0
with open(out_path, "a") as out:
    for name in order:
        if name == "help":
            continue
        if name in times:
            t = statistics.median(times[name])
            if not name.startswith("to "):
                t = max(t - base, 0.0)
            out.write("%s\t%s\t%.2f\t%d\n" % (name, size, t, rss[name]))
        else:
            out.write("%s\t%s\t-\t%d\n" % (name, size, rss[name]))
    out.write("peak RSS, every view\t%s\t-\t%d\n" % (size, hwm))
