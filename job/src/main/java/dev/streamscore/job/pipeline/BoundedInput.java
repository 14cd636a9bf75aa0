package dev.streamscore.job.pipeline;

import dev.streamscore.job.options.JobOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Where a {@code --bounded} run ends: the input offsets that are latest when it starts, resolved
 * once on the client with the source's isolation level (the last stable offsets under
 * {@code read_committed}). The source stops exactly there; once the job has finished, {@link #commit}
 * sets the group's offsets there, so that the next run from the committed offsets continues where
 * this one ended. (The Kafka source only commits offsets on checkpoints it takes part in, and a
 * bounded source has finished before the job's final checkpoint: the offsets read after the last
 * periodic checkpoint would otherwise never be committed.)
 */
public final class BoundedInput {
    private BoundedInput() {}

    /** The latest offset of every partition of the input topic, as the source will see them. */
    public static Map<TopicPartition, Long> latestOffsets(JobOptions options) throws InterruptedException {
        String isolation = options.kafkaProperties().getProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                KafkaConnectors.DEFAULT_ISOLATION_LEVEL);
        try (Admin admin = Admin.create(KafkaPreflight.adminProperties(options))) {
            TopicDescription topic = admin.describeTopics(List.of(options.inputTopic())).allTopicNames()
                    .get(KafkaPreflight.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(options.inputTopic());
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicPartitionInfo p : topic.partitions()) {
                latest.put(new TopicPartition(options.inputTopic(), p.partition()), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.valueOf(isolation.toUpperCase(Locale.ROOT))))
                    .all().get(KafkaPreflight.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> offsets.put(tp, info.offset()));
            return offsets;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(String.format("cannot read the latest offsets of '%s': %s",
                    options.inputTopic(), e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    /** Commits {@code offsets} for {@code --group-id}: call once the bounded job has finished. */
    public static void commit(JobOptions options, Map<TopicPartition, Long> offsets) throws InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        offsets.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset)));
        try (Admin admin = Admin.create(KafkaPreflight.adminProperties(options))) {
            admin.alterConsumerGroupOffsets(options.groupId(), commits).all()
                    .get(KafkaPreflight.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(String.format("the job finished, but committing the offsets of group '%s'"
                    + " failed: %s", options.groupId(), e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }
}
