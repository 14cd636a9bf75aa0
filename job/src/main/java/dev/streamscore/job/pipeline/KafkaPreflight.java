package dev.streamscore.job.pipeline;

import dev.streamscore.job.kafka.Topics;
import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.security.AuthenticationFailures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Checks on the Kafka cluster before the job starts, with the job's own client properties: the
 * cluster answers, the topics exist (missing ones are created with the broker's default partitions
 * and replication; a missing model topic with one partition) and have partition leaders, and for exactly-once delivery the producers'
 * {@code transaction.timeout.ms} is within the broker's {@code transaction.max.timeout.ms}.
 */
public final class KafkaPreflight {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String MAX_TIMEOUT = "transaction.max.timeout.ms";

    private KafkaPreflight() {}

    /**
     * @return the topics that were created
     * @throws IllegalStateException with the reason when the cluster cannot run this job
     */
    public static Set<String> check(JobOptions options) throws InterruptedException {
        try (Admin admin = Admin.create(adminProperties(options))) {
            Collection<Node> nodes = nodes(admin, options.bootstrapServers());
            List<String> topics = new ArrayList<>(List.of(options.inputTopic(), options.outputTopic(), options.deadLetterTopic()));
            options.modelDeadLetterTopic().ifPresent(topics::add);
            options.evalTopic().ifPresent(topics::add);
            Set<String> created = new TreeSet<>(Topics.create(admin, -1, (short) -1, topics, TIMEOUT));
            if (options.modelTopic().isPresent()) {
                // one partition: one total order of updates (the job reads it with one reader anyway)
                created.addAll(Topics.create(admin, 1, (short) -1, List.of(options.modelTopic().get()), TIMEOUT));
            }
            if (options.delivery() == JobOptions.Delivery.EXACTLY_ONCE) {
                checkTransactionTimeout(admin, nodes.iterator().next(), options.transactionTimeoutMs());
            }
            return created;
        } catch (TimeoutException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The job's admin client properties: {@code --kafka.*} and the bootstrap servers. */
    static Properties adminProperties(JobOptions options) {
        Properties props = options.kafkaProperties();
        props.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        return props;
    }

    private static Collection<Node> nodes(Admin admin, String bootstrap) throws InterruptedException {
        try {
            Collection<Node> nodes = admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!nodes.isEmpty()) {
                return nodes;
            }
        } catch (ExecutionException e) {
            // a wrong password or trust store fails at once, and says so: report that, not a timeout
            Optional<String> refused = AuthenticationFailures.reason(e);
            if (refused.isPresent()) {
                throw new IllegalStateException(String.format("Kafka at %s refused the job's client: %s", bootstrap,
                        refused.get()), e);
            }
        } catch (TimeoutException e) {
            // reported below
        }
        throw new IllegalStateException(String.format("cannot reach Kafka at %s within %d s", bootstrap, TIMEOUT.toSeconds()));
    }

    /** Fails when the broker would refuse the producers' timeout; skipped when its config cannot be read. */
    private static void checkTransactionTimeout(Admin admin, Node node, long timeoutMs) throws InterruptedException {
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, node.idString());
        ConfigEntry max;
        try {
            Config config = admin.describeConfigs(List.of(broker)).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(broker);
            max = config == null ? null : config.get(MAX_TIMEOUT);
        } catch (ExecutionException | TimeoutException e) {
            return;
        }
        if (max != null && max.value() != null && timeoutMs > Long.parseLong(max.value())) {
            throw new IllegalStateException(String.format(
                    "transaction.timeout.ms %d is above the broker's %s %s: set --kafka.transaction.timeout.ms lower",
                    timeoutMs, MAX_TIMEOUT, max.value()));
        }
    }
}
