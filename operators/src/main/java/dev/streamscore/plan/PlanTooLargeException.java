package dev.streamscore.plan;

import dev.streamscore.util.Heap;
import java.util.Locale;

/**
 * A plan whose {@link Footprint} is more than the heap can spare: refused before anything is
 * allocated. The message names the sizes and the largest batch that would fit; callers that know
 * the flag setting the batch size (e.g. {@code --batch-size}) can name it with {@link #rowsFitting()}.
 */
public final class PlanTooLargeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Footprint footprint;
    private final long rowsFitting;

    PlanTooLargeException(Footprint footprint, long spare, long maxHeap) {
        super(message(footprint, spare, maxHeap));
        this.footprint = footprint;
        this.rowsFitting = fitting(footprint, spare);
    }

    private static long fitting(Footprint f, long spare) {
        return Math.min(f.rowsFitting(spare), f.maxBatch() - 1L);
    }

    private static String message(Footprint f, long spare, long maxHeap) {
        long fitting = fitting(f, spare);
        return String.format(Locale.ROOT,
                "the model needs %s of buffers at a batch of %d rows (%,d values per row, 8 bytes each) and %s of"
                        + " parameters, more than the %s the heap can spare (max heap %s); %s",
                Heap.bytes(f.bufferBytes()), f.maxBatch(), f.valuesPerRow(), Heap.bytes(f.parameterBytes()),
                Heap.bytes(spare), Heap.bytes(maxHeap),
                fitting > 0 ? String.format("a batch of at most %d rows fits", fitting) : "not even a batch of 1 row fits");
    }

    /** What the plan would have needed. */
    public Footprint footprint() {
        return footprint;
    }

    /** The largest batch that fits what the heap could spare (below the batch asked for); 0 when none does. */
    public long rowsFitting() {
        return rowsFitting;
    }
}
