package dev.streamscore.job.cli;

import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.plan.PlanTooLargeException;
import java.io.IOException;
import java.nio.file.Path;

/** Loads the model file a flag names, compiled and checked, with one-line reasons on failure. */
final class ModelFiles {
    private ModelFiles() {}

    /**
     * Reads (at most {@code maxModelBytes}), parses and compiles {@code path} for batches of up to
     * {@code maxBatch} rows, and checks it can serve (finite parameters, a finite forward pass):
     * the same checks as a model update.
     *
     * @throws CommandFailedException naming the file and the reason; for buffers the heap cannot
     *         spare, the batch size that would fit ({@code --batch-size}) or a larger heap
     */
    static LoadedModel load(String path, int maxBatch, int maxModelBytes) {
        LoadedModel model;
        try {
            model = LoadedModel.read(Path.of(path), maxBatch, maxModelBytes);
        } catch (IOException e) {
            throw new CommandFailedException(String.format("cannot load model %s: %s", path, StdStreams.reason(e)), e);
        } catch (PlanTooLargeException e) {
            throw new CommandFailedException(String.format("cannot load model %s: %s; %s", path, e.getMessage(),
                    e.rowsFitting() > 0
                            ? String.format("use --batch-size %d or less, or give Java a larger heap (STREAMSCORE_JAVA_OPTS=-Xmx...)",
                                    e.rowsFitting())
                            : "give Java a larger heap (STREAMSCORE_JAVA_OPTS=-Xmx...)"), e);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(String.format("cannot load model %s: %s", path, e.getMessage()), e);
        }
        model.defect().ifPresent(defect -> {
            throw new CommandFailedException(String.format("model %s cannot serve: %s", path, defect));
        });
        return model;
    }
}
