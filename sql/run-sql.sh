#!/usr/bin/env bash
# Runs `streamscore sql` (dev.streamscore.sql.cli.SqlMain) until the launcher ./streamscore
# dispatches the `sql` command itself: builds the sql module when its jar or class path is missing
# or older than a source, then runs Java with target/classes and target/classpath.txt.
#   sql/run-sql.sh --file demo/digits.sql [--set KEY=VALUE ...] [--parallelism N]
# File arguments are relative to the caller's directory. Environment: JAVA_HOME, STREAMSCORE_JAVA_OPTS.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
jar="$here/sql/target/streamscore-sql-0.1.0-SNAPSHOT.jar"
classpath_file="$here/sql/target/classpath.txt"

needs_build() {
    [[ -f "$jar" && -f "$classpath_file" ]] || return 0
    [[ -n "$(find "$here/operators/src" "$here/sql/src" "$here/pom.xml" "$here/operators/pom.xml" "$here/sql/pom.xml" \
        -newer "$jar" -type f -print -quit 2>/dev/null || true)" ]]
}

if needs_build; then
    echo "building streamscore-sql..." >&2
    if ! (cd "$here" && mvn -B -q -DskipTests -pl sql -am package) 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' >&2; then
        echo "streamscore sql: the build failed (see above)" >&2
        exit 1
    fi
    touch "$jar"
fi

opens="$(sed -n 's:.*<flink.jvm.opens>\(.*\)</flink.jvm.opens>.*:\1:p' "$here/pom.xml")"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# shellcheck disable=SC2086 # the opens and the extra options are lists of words
exec "$java" $opens ${STREAMSCORE_JAVA_OPTS:-} \
    -Dlog4j2.configurationFile=streamscore-sql-log4j2.xml \
    -cp "$here/sql/target/classes:$(cat "$classpath_file")" \
    dev.streamscore.sql.cli.SqlMain "$@"
