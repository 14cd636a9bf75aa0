#!/usr/bin/env bash
# Stops the TaskManagers and the JobManager started by start-cluster.sh (pid files in
# target/run): SIGTERM, then SIGKILL after 30 s. Running jobs are not cancelled first; their
# retained checkpoints stay in target/checkpoints.
set -euo pipefail
source "$(dirname "$0")/cluster-env.sh"

stop_process() {
    local pidfile=$1 class=$2 name pid
    name=$(basename "$pidfile" .pid)
    if ! pid_alive "$pidfile" "$class"; then
        rm -f "$pidfile"
        return 0
    fi
    pid=$(cat "$pidfile")
    kill -TERM "$pid"
    for _ in $(seq 60); do
        [ -d "/proc/$pid" ] || break
        sleep 0.5
    done
    if [ -d "/proc/$pid" ]; then
        echo "$name (pid $pid) still running after 30 s: SIGKILL"
        kill -KILL "$pid"
    fi
    rm -f "$pidfile"
    echo "stopped $name (pid $pid)"
    stopped=$((stopped + 1))
}

[ -d "$RUN_DIR" ] || { echo "nothing to stop (no $RUN_DIR)"; exit 0; }
shopt -s nullglob
stopped=0
for pidfile in "$RUN_DIR"/taskmanager-*.pid; do
    stop_process "$pidfile" "$TM_CLASS"
done
stop_process "$RUN_DIR/jobmanager.pid" "$JM_CLASS"
[ "$stopped" -gt 0 ] || echo "no JobManager or TaskManager of start-cluster.sh was running"
