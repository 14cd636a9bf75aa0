#!/usr/bin/env bash
# Submits a job jar to the cluster started by start-cluster.sh, detached, with Flink's own
# command-line client (CliFrontend: `flink run -d -m 127.0.0.1:8081`). Prints the job id.
#
#   ./submit.sh [flink run options] JAR [program arguments...]
#   ./submit.sh ../../job/target/streamscore-job-0.1.0-SNAPSHOT.jar run --bootstrap-servers 127.0.0.1:9092 ...
#
# The program's main method runs here, in the client JVM, and hands the job graph to the
# JobManager. Relative paths in the program arguments are relative to the caller's directory.
set -euo pipefail
source "$(dirname "$0")/cluster-env.sh"

if [ $# -lt 1 ]; then
    echo "usage: $0 [flink run options] JAR [program arguments...]" >&2
    exit 2
fi
ensure_lib
[ "$(registered_taskmanagers)" != -1 ] || die "no JobManager answers on $REST_URL; run start-cluster.sh"

# shellcheck disable=SC2046
FLINK_CONF_DIR=$CONF_DIR exec "$JAVA" $(jvm_opens) -Xmx512m \
    -Dlog4j.configurationFile="file:$CONF_DIR/log4j-cli.properties" \
    -cp "$LIB_DIR/*" org.apache.flink.client.cli.CliFrontend \
    run -d -m "${REST_URL#http://}" "$@"
