#!/usr/bin/env bash
# Starts a standalone Flink session cluster on 127.0.0.1 as background processes, from the jars
# in target/lib (no flink-dist, no Docker).
#
#   ./start-cluster.sh               JobManager + one TaskManager (the default)
#   ./start-cluster.sh jobmanager    only the JobManager
#   ./start-cluster.sh taskmanager   one more TaskManager (e.g. to replace one that died)
#
# Options after the component, `-D key=value` (or -Dkey=value), are Flink configuration
# overrides for the processes started by this call, e.g. the Prometheus reporter of docs/cluster.md.
#
# Returns once the REST API (http://127.0.0.1:8081) answers and reports the new TaskManager.
# Logs: target/log/*.log (and *.out for the JVM's own output); pid files: target/run/*.pid.
set -euo pipefail
source "$(dirname "$0")/cluster-env.sh"

WAIT_SECONDS=${WAIT_SECONDS:-90}

start_jobmanager() {
    local pidfile=$RUN_DIR/jobmanager.pid
    if pid_alive "$pidfile" "$JM_CLASS"; then
        echo "JobManager already running (pid $(cat "$pidfile"))"
        return 0
    fi
    [ "$(registered_taskmanagers)" = -1 ] || die "something else already answers on $REST_URL"
    local params jvm dyn start
    params=$(resource_params GET_JM_RESOURCE_PARAMS "${EXTRA_OPTS[@]}")
    jvm=$(sed -n 1p <<<"$params")
    dyn=$(sed -n 2p <<<"$params")
    # the previous JobManager's logs stay for one more start
    for f in "$LOG_DIR/jobmanager.log" "$LOG_DIR/jobmanager.out"; do
        [ ! -e "$f" ] || mv -f "$f" "$f.prev"
    done
    start=$(date +%s.%N)
    # shellcheck disable=SC2086 # the flag lists are meant to split into words
    setsid nohup "$JAVA" $(jvm_opens) $jvm \
        -Dlog.file="$LOG_DIR/jobmanager.log" \
        -Dlog4j.configurationFile="file:$CONF_DIR/log4j.properties" \
        -cp "$LIB_DIR/*" "$JM_CLASS" --configDir "$CONF_DIR" \
        -D execution.checkpointing.dir="file://$CHECKPOINT_DIR" $dyn "${EXTRA_OPTS[@]}" \
        >"$LOG_DIR/jobmanager.out" 2>&1 </dev/null &
    echo $! >"$pidfile"
    echo "JobManager starting (pid $!), log $LOG_DIR/jobmanager.log"
    local deadline=$((SECONDS + WAIT_SECONDS))
    until [ "$(registered_taskmanagers)" != -1 ]; do
        kill -0 "$(cat "$pidfile")" 2>/dev/null || die "JobManager exited; see $LOG_DIR/jobmanager.log and .out"
        [ $SECONDS -lt $deadline ] || die "JobManager REST API not up after ${WAIT_SECONDS}s"
        sleep 0.5
    done
    printf 'JobManager up in %.1f s: %s\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$REST_URL"
}

start_taskmanager() {
    [ "$(registered_taskmanagers)" != -1 ] || die "no JobManager answers on $REST_URL; start it first"
    # a fresh number per TaskManager, so the logs of one that died stay for reading
    local n=1
    while [ -e "$RUN_DIR/taskmanager-$n.pid" ]; do n=$((n + 1)); done
    local pidfile=$RUN_DIR/taskmanager-$n.pid log=$LOG_DIR/taskmanager-$n.log params jvm dyn start
    params=$(resource_params GET_TM_RESOURCE_PARAMS "${EXTRA_OPTS[@]}")
    jvm=$(sed -n 1p <<<"$params")
    dyn=$(sed -n 2p <<<"$params")
    rm -f "$log" "$LOG_DIR/taskmanager-$n.out"
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    setsid nohup "$JAVA" $(jvm_opens) $jvm \
        -Dlog.file="$log" \
        -Dlog4j.configurationFile="file:$CONF_DIR/log4j.properties" \
        -cp "$LIB_DIR/*" "$TM_CLASS" --configDir "$CONF_DIR" \
        -D execution.checkpointing.dir="file://$CHECKPOINT_DIR" $dyn "${EXTRA_OPTS[@]}" \
        >"$LOG_DIR/taskmanager-$n.out" 2>&1 </dev/null &
    echo $! >"$pidfile"
    echo "TaskManager $n starting (pid $!), log $log"
    local deadline=$((SECONDS + WAIT_SECONDS))
    until grep -qs 'Successful registration at resource manager' "$log"; do
        kill -0 "$(cat "$pidfile")" 2>/dev/null || die "TaskManager $n exited; see $log and $LOG_DIR/taskmanager-$n.out"
        [ $SECONDS -lt $deadline ] || die "TaskManager $n not registered after ${WAIT_SECONDS}s"
        sleep 0.5
    done
    printf 'TaskManager %s registered in %.1f s (%s TaskManager(s) listed by %s/overview)\n' \
        "$n" "$(echo "$(date +%s.%N) - $start" | bc)" "$(registered_taskmanagers)" "$REST_URL"
}

usage() {
    echo "usage: $0 [all|jobmanager|taskmanager] [-D key=value ...]" >&2
    exit 2
}
what=all
case "${1:-}" in
    all | jobmanager | taskmanager) what=$1; shift ;;
    -D*) ;;
    "") ;;
    *) usage ;;
esac
EXTRA_OPTS=()
while [ $# -gt 0 ]; do
    case "$1" in
        -D) [ $# -ge 2 ] && [[ $2 == *=* ]] || usage; EXTRA_OPTS+=(-D "$2"); shift 2 ;;
        -D*=*) EXTRA_OPTS+=(-D "${1#-D}"); shift ;;
        *) usage ;;
    esac
done
ensure_lib
shopt -s nullglob
mkdir -p "$LOG_DIR" "$RUN_DIR" "$CHECKPOINT_DIR" "$FLINK_PLUGINS_DIR"
case "$what" in
    all)
        start_jobmanager
        live=0
        for pidfile in "$RUN_DIR"/taskmanager-*.pid; do
            if pid_alive "$pidfile" "$TM_CLASS"; then live=$((live + 1)); fi
        done
        if [ "$live" -gt 0 ]; then
            echo "$live TaskManager(s) already running; add one with: $0 taskmanager"
        else
            start_taskmanager
        fi
        ;;
    jobmanager) start_jobmanager ;;
    taskmanager) start_taskmanager ;;
esac
echo "Flink UI: $REST_URL"
