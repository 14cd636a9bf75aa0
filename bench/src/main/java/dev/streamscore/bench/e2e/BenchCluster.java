package dev.streamscore.bench.e2e;

import dev.streamscore.job.pipeline.ScoringJob;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One local Flink cluster (a MiniCluster: a JobManager and one TaskManager with
 * {@value E2eSettings#PARALLELISM} slots in this JVM, bound to 127.0.0.1) that runs every job of
 * the bench in turn, as a session cluster would. One cluster rather than one local environment per
 * job: each new local environment loads Flink's RPC system in a class loader of its own, whose code
 * the JIT then compiles again, taking a third of the CPU during every run. A job is built in a
 * {@link #environment} with its own configuration ({@link ScoringJob#configuration}: checkpoints,
 * restarts), which travels with its job graph.
 */
final class BenchCluster implements AutoCloseable {
    private final MiniCluster cluster;

    private BenchCluster(MiniCluster cluster) {
        this.cluster = cluster;
    }

    static BenchCluster start() throws Exception {
        Configuration conf = ScoringJob.loopbackOnly(new Configuration());
        conf.set(RestOptions.BIND_PORT, "0");
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(E2eSettings.PARALLELISM).build());
        cluster.start();
        return new BenchCluster(cluster);
    }

    /** An environment to build a job in, with the job's configuration. */
    static StreamExecutionEnvironment environment(Configuration jobConfiguration) {
        return new StreamExecutionEnvironment(jobConfiguration);
    }

    /** Runs the job built in {@code env} to its end; its accumulators are in the result. */
    JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        return cluster.executeJobBlocking(jobGraph(env));
    }

    /** Starts the job built in {@code env}. */
    JobID submit(StreamExecutionEnvironment env) throws Exception {
        return cluster.submitJob(jobGraph(env)).get(60, TimeUnit.SECONDS).getJobID();
    }

    /** Cancels a job and waits until it has stopped. */
    void cancel(JobID job) throws Exception {
        cluster.cancelJob(job).get(60, TimeUnit.SECONDS);
        cluster.requestJobResult(job).get(60, TimeUnit.SECONDS);
    }

    private static JobGraph jobGraph(StreamExecutionEnvironment env) {
        return env.getStreamGraph().getJobGraph();
    }

    @Override
    public void close() throws Exception {
        cluster.closeAsync().get(60, TimeUnit.SECONDS);
    }
}
