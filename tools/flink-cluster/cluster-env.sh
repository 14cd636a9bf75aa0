# Shared settings and helpers of start-cluster.sh, stop-cluster.sh and submit.sh (sourced, not run).
# Layout: conf/ is the Flink configuration directory; target/lib the class path (see pom.xml);
# target/log the logs, target/run the pid files, target/checkpoints the checkpoint storage.

CLUSTER_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$CLUSTER_HOME/../.." && pwd)
CONF_DIR=$CLUSTER_HOME/conf
TARGET_DIR=$CLUSTER_HOME/target
LIB_DIR=$TARGET_DIR/lib
LOG_DIR=$TARGET_DIR/log
RUN_DIR=$TARGET_DIR/run
CHECKPOINT_DIR=$TARGET_DIR/checkpoints
# Flink looks for plugins (metric reporters, file systems) in one folder per plugin under here
export FLINK_PLUGINS_DIR=$TARGET_DIR/plugins
# must agree with rest.address / rest.port in conf/config.yaml
REST_URL=http://127.0.0.1:8081
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

JM_CLASS=org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint
TM_CLASS=org.apache.flink.runtime.taskexecutor.TaskManagerRunner

die() {
    printf '%s: %s\n' "$(basename "$0")" "$*" >&2
    exit 1
}

# Fills target/lib from the local Maven repository, or from Maven Central when it is not cached.
ensure_lib() {
    compgen -G "$LIB_DIR/flink-runtime-*.jar" >/dev/null && return 0
    echo "assembling the Flink class path in $LIB_DIR (mvn -f $CLUSTER_HOME/pom.xml package)"
    mvn -B -q -o -f "$CLUSTER_HOME/pom.xml" package 2>/dev/null \
        || mvn -B -q -f "$CLUSTER_HOME/pom.xml" package \
        || die "could not assemble $LIB_DIR with Maven"
}

# The JDK 17 module opens Flink needs: the same list as the property flink.jvm.opens of the
# parent pom, read from there so there is one place to change it.
jvm_opens() {
    local opens
    opens=$(sed -n 's:.*<flink.jvm.opens>\(.*\)</flink.jvm.opens>.*:\1:p' "$REPO_ROOT/pom.xml")
    [ -n "$opens" ] || die "no <flink.jvm.opens> property in $REPO_ROOT/pom.xml"
    # and the engine's vector kernels (without the module: the scalar ones, same bits, slower)
    printf '%s --add-modules jdk.incubator.vector\n' "$opens"
}

# Prints the two result lines of BashJavaUtils for GET_JM_RESOURCE_PARAMS or
# GET_TM_RESOURCE_PARAMS: line 1 the JVM memory flags, line 2 the -D options for the process.
# Further arguments (-D key=value overrides) are passed on, so memory overrides count.
resource_params() {
    local command=$1 out lines
    shift
    out=$("$JAVA" -cp "$LIB_DIR/*" -Dlog4j.configurationFile="file:$CONF_DIR/log4j-cli.properties" \
        org.apache.flink.runtime.util.bash.BashJavaUtils "$command" --configDir "$CONF_DIR" "$@" 2>&1) \
        || die "BashJavaUtils $command failed: $out"
    lines=$(printf '%s\n' "$out" | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p')
    [ "$(printf '%s\n' "$lines" | wc -l)" -eq 2 ] || die "unexpected BashJavaUtils $command output: $out"
    printf '%s\n' "$lines"
}

# True when the pid file names a live process running the given main class (a pid of a process
# that has died may have been reused by another).
pid_alive() {
    local pidfile=$1 class=$2 pid
    [ -f "$pidfile" ] || return 1
    local cmdline
    pid=$(cat "$pidfile")
    [ -n "$pid" ] && cmdline=$( { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null) && [[ $cmdline == *" $class "* ]]
}

# Number of TaskManagers registered at the JobManager, or -1 when its REST API does not answer.
registered_taskmanagers() {
    local overview
    overview=$(curl -sf --max-time 2 "$REST_URL/overview") || { echo -1; return; }
    printf '%s\n' "$overview" | sed -n 's/.*"taskmanagers":\([0-9]*\).*/\1/p'
}
