#!/usr/bin/env bash
# Builds the operators test classes and runs the JMH benchmarks with the GC profiler, so every
# result comes with gc.alloc.rate.norm (bytes allocated per op). Writes bench/results/jmh-<time>.json
# and a summary table (rows/s ours vs EJML, ratio, bytes/op) to stdout and bench/results/jmh-<time>.txt.
#
# usage: bench/run-jmh.sh [JMH options...]     e.g. bench/run-jmh.sh -f 1 -wi 2 -i 3 -w 1s -r 1s
#   BENCH      benchmark regexp (default dev.streamscore.bench.ForwardBenchmark)
#   MVN_FLAGS  extra Maven flags, e.g. MVN_FLAGS=-o to build offline
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} -pl operators test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/jmh.classpath >/dev/null
cp="operators/target/test-classes:operators/target/classes:$(cat operators/target/jmh.classpath)"

mkdir -p bench/results
out="bench/results/jmh-$(date +%Y%m%d-%H%M%S)"
# --add-modules: the engine's vector kernels (without it the plan runs its scalar kernels)
java --add-modules jdk.incubator.vector -cp "$cp" org.openjdk.jmh.Main -prof gc -rf json -rff "$out.json" \
    -jvmArgsAppend --add-modules=jdk.incubator.vector "$@" \
    "${BENCH:-dev.streamscore.bench.ForwardBenchmark}"

python3 "$root/bench/summarize.py" "$out.json" | tee "$out.txt"
