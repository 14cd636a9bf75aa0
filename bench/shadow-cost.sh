#!/usr/bin/env bash
# What a shadow model costs the scoring operator: runs ShadowCostBenchmark (job module test scope)
# with and without a shadow in one JMH run and prints records/s (median of all measurement
# iterations of all forks) and the ratio. Writes bench/results/shadow-<time>.json.
#
# usage: bench/shadow-cost.sh [JMH options...]     default: -f 3 -wi 3 -w 2s -i 5 -r 2s
#   MVN_FLAGS  extra Maven flags, e.g. MVN_FLAGS=-o to build offline
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} -pl job -am test-compile >/dev/null
# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} -pl job dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/jmh.classpath >/dev/null
cp="$root/job/target/test-classes:$root/job/target/classes:$root/operators/target/classes:$(cat job/target/jmh.classpath)"

mkdir -p bench/results
out="$root/bench/results/shadow-$(date +%Y%m%d-%H%M%S)"
opts=("$@")
if [ ${#opts[@]} -eq 0 ]; then
    opts=(-f 3 -wi 3 -w 2s -i 5 -r 2s)
fi
# the benchmark reads the demo model and data relative to the job module, as the tests do
# shellcheck disable=SC2086
(cd job && java ${JAVA_OPTS:-} -cp "$cp" org.openjdk.jmh.Main -rf json -rff "$out.json" "${opts[@]}" \
    dev.streamscore.job.pipeline.ShadowCostBenchmark)

python3 - "$out.json" <<'PY' | tee "$out.txt"
import json, statistics, sys
rows = {}
for r in json.load(open(sys.argv[1])):
    name = r["benchmark"].rsplit(".", 1)[1]
    raw = [v for fork in r["primaryMetric"]["rawData"] for v in fork]
    rows[(name, r["params"]["shadow"])] = (statistics.median(raw) * 256, len(raw))
if len(rows) < 4:
    sys.exit("incomplete JMH results (a benchmark failed?): %s" % sorted(rows))
print("records/s = median over all measurement iterations (n) of batches/s x 256")
for name in ("serving", "operator"):
    none, shadow = rows.get((name, "none")), rows.get((name, "digits"))
    if none and shadow:
        print("%-9s no shadow %10.0f (n=%d)   with shadow %10.0f (n=%d)   ratio %.3f   shadow cost %.1f%%" % (
            name, none[0], none[1], shadow[0], shadow[1], shadow[0] / none[0], 100 * (1 - shadow[0] / none[0])))
PY
