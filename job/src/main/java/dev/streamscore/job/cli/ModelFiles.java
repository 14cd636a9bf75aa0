package dev.streamscore.job.cli;

import dev.streamscore.job.serving.LoadedModel;
import java.io.IOException;
import java.nio.file.Path;

/** Loads the model file a flag names, compiled and checked, with one-line reasons on failure. */
final class ModelFiles {
    private ModelFiles() {}

    /**
     * Reads, parses and compiles {@code path} for batches of up to {@code maxBatch} rows, and
     * checks it can serve (finite parameters, a finite forward pass): the same checks as a model update.
     *
     * @throws CommandFailedException naming the file and the reason
     */
    static LoadedModel load(String path, int maxBatch) {
        LoadedModel model;
        try {
            model = LoadedModel.read(Path.of(path), maxBatch);
        } catch (IOException e) {
            throw new CommandFailedException(String.format("cannot load model %s: %s", path, StdStreams.reason(e)), e);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(String.format("cannot load model %s: %s", path, e.getMessage()), e);
        }
        model.defect().ifPresent(defect -> {
            throw new CommandFailedException(String.format("model %s cannot serve: %s", path, defect));
        });
        return model;
    }
}
