package dev.streamscore.job.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Topic creation that is safe to produce to right away. A topic that was just created can lose
 * the first records sent to it (KAFKA-15591) until every partition has a leader, so
 * {@link #create} and {@link #awaitLeaders} only return once {@code Admin.listOffsets} succeeds on
 * every partition.
 */
public final class Topics {
    private static final long RETRY_MS = 100;

    private Topics() {}

    /**
     * Creates the topics that do not exist yet and waits for their partition leaders.
     *
     * @param partitions  partitions of each new topic, or -1 for the broker's default
     * @param replication replication factor of each new topic, or -1 for the broker's default
     * @return the names of the topics this call created (existing ones are left as they are)
     */
    public static Set<String> create(Admin admin, int partitions, short replication, Collection<String> names,
                                     Duration timeout) throws InterruptedException, TimeoutException {
        Set<String> existing = existing(admin, timeout);
        List<NewTopic> missing = new ArrayList<>();
        for (String name : Set.copyOf(names)) {
            if (!existing.contains(name)) {
                missing.add(partitions < 0 && replication < 0
                        ? new NewTopic(name, Optional.empty(), Optional.empty())
                        : new NewTopic(name, partitions, replication));
            }
        }
        Set<String> created = new TreeSet<>();
        for (Map.Entry<String, KafkaFuture<Void>> e
                : admin.createTopics(missing).values().entrySet()) {
            try {
                e.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(e.getKey());
            } catch (ExecutionException ex) {
                if (!(ex.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(String.format(
                            "cannot create topic '%s': %s", e.getKey(), ex.getCause().getMessage()), ex.getCause());
                }
            }
        }
        awaitLeaders(admin, names, timeout);
        return created;
    }

    /** Waits until every partition of every topic has a leader and answers a list-offsets request. */
    public static void awaitLeaders(Admin admin, Collection<String> names, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                boolean allLed = true;
                for (TopicDescription t : topics.values()) {
                    for (TopicPartitionInfo p : t.partitions()) {
                        allLed &= p.leader() != null && !p.leader().isEmpty();
                        latest.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest());
                    }
                }
                if (allLed) {
                    admin.listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                }
            } catch (ExecutionException e) {
                last = e;
            }
            Thread.sleep(RETRY_MS);
        }
        throw new TimeoutException(String.format("partitions of %s have no leader after %d ms%s", names,
                timeout.toMillis(), last == null ? "" : String.format(" (last error: %s)", last.getCause().getMessage())));
    }

    private static Set<String> existing(Admin admin, Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(String.format("cannot list topics: %s", e.getCause().getMessage()), e.getCause());
        }
    }
}
