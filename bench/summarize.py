"""Summarises a JMH JSON result of ForwardBenchmark: rows/s (ops/s × batch) of ours vs the EJML
baseline per model and batch size, as the MEDIAN of the measurement iterations (the machines are
shared and noisy; a median resists a disturbed iteration), their ratio, and gc.alloc.rate.norm
(bytes per op)."""
import json
import statistics
import sys

results = json.load(open(sys.argv[1]))
table = {}
for r in results:
    name = r["benchmark"].rsplit(".", 1)[1]
    p = r.get("params", {})
    key = (p.get("model", "?"), int(p.get("batch", "1")))
    raw = [v for fork in r["primaryMetric"]["rawData"] for v in fork]
    median = statistics.median(raw) * key[1]
    spread = (min(raw) * key[1], max(raw) * key[1])
    alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
    table.setdefault(key, {})[name] = (median, spread, alloc)

def cell(v):
    return "%9.0f (%7.0f-%7.0f)" % (v[0], v[1][0], v[1][1]) if v else "%27s" % "-"

def alloc(v):
    return "%10.1f" % v[2] if v and v[2] is not None else "%10s" % "-"

print("rows/s = median over measurement iterations of ops/s × batch (min-max in brackets); "
      "B/op = gc.alloc.rate.norm")
print("%-7s %6s %27s %27s %27s %9s %10s %11s %10s" % (
    "model", "batch", "plan rows/s", "scorer rows/s", "ejml rows/s", "plan/ejml",
    "plan B/op", "scorer B/op", "ejml B/op"))
for (model, batch) in sorted(table):
    row = table[(model, batch)]
    plan, scorer, ejml = row.get("plan"), row.get("scorer"), row.get("ejml")
    ratio = "%7.2f" % (plan[0] / ejml[0]) if plan and ejml else "%7s" % "-"
    print("%-7s %6d %27s %27s %27s %9s %10s %11s %10s" % (
        model, batch, cell(plan), cell(scorer), cell(ejml), ratio, alloc(plan), alloc(scorer), alloc(ejml)))
