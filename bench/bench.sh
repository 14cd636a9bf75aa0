#!/usr/bin/env bash
# Runs a streamscore benchmark: builds the operators and bench modules (Maven, tests skipped), then
# the bench main class with the JVM flags it needs. Results go to bench/results/.
#
# usage: bench/bench.sh engine [--quick]
#   engine    JMH: our plan (float64) against ONNX Runtime float32/float64 (see BENCHMARKS.md)
#   --quick   short iterations, under 3 minutes; the full run takes about 10 minutes
# Environment: JAVA_HOME (java to use), MVN_FLAGS (extra Maven flags, e.g. -o to build offline).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

# Maven's output goes to stderr, so that standard output is the benchmark's report only (without the
# colour-reset codes Maven prints even in batch mode).
# shellcheck disable=SC2086 # MVN_FLAGS is a list of words
if ! (cd "$root" && mvn -B -q ${MVN_FLAGS:-} -pl bench -am -DskipTests package) 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' >&2; then
    echo "bench: the build failed (see above)" >&2
    exit 1
fi
classpath="$root/bench/target/streamscore-bench-0.1.0-SNAPSHOT.jar:$(cat "$root/bench/target/classpath.txt")"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# --add-modules: the vector kernels and the bench's vector width / FMA peak (the JVM then prints
# "WARNING: Using incubator modules: jdk.incubator.vector" on stderr; no option silences it).
exec "$java" --add-modules jdk.incubator.vector -Djava.awt.headless=true \
    -Dstreamscore.bench.dir="$root/bench" -cp "$classpath" dev.streamscore.bench.BenchMain "$@"
