#!/usr/bin/env bash
# Failover drill on the cluster of start-cluster.sh: kill -9 the newest TaskManager while a job
# runs, start a replacement, and report how long until the job runs again from its latest
# checkpoint.
#
#   ./failover-drill.sh [JOB_ID]      (default: the first RUNNING job)
set -euo pipefail
source "$(dirname "$0")/cluster-env.sh"

now() { date +%s.%N; }
since() { printf '%.1f' "$(echo "$(now) - $1" | bc)"; }
checkpoints() { curl -sf "$REST_URL/jobs/$1/checkpoints"; }

job=${1:-$(curl -sf "$REST_URL/jobs/overview" | jq -r '[.jobs[] | select(.state == "RUNNING")][0].jid // empty')}
[ -n "$job" ] || die "no RUNNING job on $REST_URL"
shopt -s nullglob
victim=
for pidfile in "$RUN_DIR"/taskmanager-*.pid; do
    pid_alive "$pidfile" "$TM_CLASS" && victim=$pidfile
done
[ -n "$victim" ] || die "no live TaskManager started by start-cluster.sh"

# wait for a completed checkpoint, so there is something to restore
until [ -n "$(checkpoints "$job" | jq -r '.latest.completed.id // empty')" ]; do sleep 0.5; done
restored_before=$(checkpoints "$job" | jq -r '.latest.restored.id // "none"')

t0=$(now)
kill -9 "$(cat "$victim")"
echo "job $job: kill -9 $(basename "$victim" .pid) (pid $(cat "$victim")) at $(date +%T)"
"$CLUSTER_HOME/start-cluster.sh" taskmanager >/dev/null
echo "replacement TaskManager registered $(since "$t0") s after the kill"
until [ "$(curl -sf "$REST_URL/jobs/$job" | jq -r '[.state, .vertices[].status] | unique | join(",")')" = RUNNING ] \
    && restored=$(checkpoints "$job" | jq -r '.latest.restored.id // "none"') \
    && [ "$restored" != "$restored_before" ]; do
    sleep 0.25
done
echo "job RUNNING again (every task) $(since "$t0") s after the kill"
# (the REST API caches checkpoint statistics for a few seconds: ask for the details of the one restored)
taken=$(curl -sf "$REST_URL/jobs/$job/checkpoints/details/$restored" | jq -r '.trigger_timestamp')
printf 'restored from checkpoint %s, triggered %.1f s before the kill\n' \
    "$restored" "$(echo "$t0 - $taken / 1000" | bc -l)"
