package dev.streamscore.job.pipeline;

import dev.streamscore.job.serving.ModelBytes;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;

/**
 * The scoring operator's managed state: the models in force (union list state written by subtask
 * 0 alone, so every subtask restores the same models at any parallelism) and this subtask's counts
 * of records scored and dead-lettered (so the accumulators are exact across restarts). Models
 * are stored as {@link ModelBytes} with Flink's own serializer, never compiled objects.
 */
final class ModelState {
    private static final ListStateDescriptor<ModelBytes> PRIMARY =
            new ListStateDescriptor<>("model-in-force", TypeInformation.of(ModelBytes.class));
    private static final ListStateDescriptor<ModelBytes> SHADOW =
            new ListStateDescriptor<>("shadow-model-in-force", TypeInformation.of(ModelBytes.class));
    private static final ListStateDescriptor<Long> COUNT = new ListStateDescriptor<>("scored-count", Types.LONG);
    private static final ListStateDescriptor<Long> DEAD = new ListStateDescriptor<>("dead-letter-count", Types.LONG);

    private final ListState<ModelBytes> primaryState;
    private final ListState<ModelBytes> shadowState;
    private final ListState<Long> countState;
    private final ListState<Long> deadState;
    private final ModelBytes primary;
    private final ModelBytes shadow;
    private final long scored;
    private final long deadLetters;
    private final boolean restored;

    private ModelState(ListState<ModelBytes> primaryState, ListState<ModelBytes> shadowState, ListState<Long> countState,
                       ListState<Long> deadState, ModelBytes primary, ModelBytes shadow, long scored, long deadLetters,
                       boolean restored) {
        this.primaryState = primaryState;
        this.shadowState = shadowState;
        this.countState = countState;
        this.deadState = deadState;
        this.primary = primary;
        this.shadow = shadow;
        this.scored = scored;
        this.deadLetters = deadLetters;
        this.restored = restored;
    }

    /**
     * The state of a starting subtask: on a restore that holds models, those models (they win over
     * the ones the job was given: a job serves what was in force at its checkpoint; an empty shadow
     * list then means no shadow); otherwise {@code given} and {@code givenShadow}.
     */
    static ModelState initialize(StateInitializationContext context, ModelBytes given, ModelBytes givenShadow)
            throws Exception {
        ListState<ModelBytes> primaryState = context.getOperatorStateStore().getUnionListState(PRIMARY);
        ListState<ModelBytes> shadowState = context.getOperatorStateStore().getUnionListState(SHADOW);
        ListState<Long> countState = context.getOperatorStateStore().getListState(COUNT);
        ListState<Long> deadState = context.getOperatorStateStore().getListState(DEAD);
        if (!context.isRestored()) {
            return new ModelState(primaryState, shadowState, countState, deadState, given, givenShadow, 0, 0, false);
        }
        long scored = sum(countState);
        long deadLetters = sum(deadState);
        List<ModelBytes> primaries = new ArrayList<>();
        primaryState.get().forEach(primaries::add);
        if (primaries.isEmpty()) {
            return new ModelState(primaryState, shadowState, countState, deadState, given, givenShadow, scored,
                    deadLetters, false);
        }
        List<ModelBytes> shadows = new ArrayList<>();
        shadowState.get().forEach(shadows::add);
        return new ModelState(primaryState, shadowState, countState, deadState, primaries.get(0),
                shadows.isEmpty() ? null : shadows.get(0), scored, deadLetters, true);
    }

    private static long sum(ListState<Long> counts) throws Exception {
        long total = 0;
        for (Long n : counts.get()) {
            total += n;
        }
        return total;
    }

    /** The primary model to start with. */
    ModelBytes primary() {
        return primary;
    }

    /** The shadow model to start with, or null. */
    ModelBytes shadow() {
        return shadow;
    }

    /** Records this subtask had scored at the restored checkpoint (0 on a fresh start). */
    long scored() {
        return scored;
    }

    /** Records this subtask had dead-lettered at the restored checkpoint (0 on a fresh start). */
    long deadLetters() {
        return deadLetters;
    }

    /** True when the models came from restored state rather than from the job's arguments. */
    boolean restoredModels() {
        return restored;
    }

    /** Writes the models in force (subtask 0 only) and this subtask's counts. */
    void snapshot(int subtask, ModelBytes primaryInForce, ModelBytes shadowInForce, long scoredTotal,
                  long deadLetterTotal) throws Exception {
        boolean writer = subtask == 0;
        primaryState.update(writer ? List.of(primaryInForce) : List.of());
        shadowState.update(writer && shadowInForce != null ? List.of(shadowInForce) : List.of());
        countState.update(List.of(scoredTotal));
        deadState.update(List.of(deadLetterTotal));
    }
}
