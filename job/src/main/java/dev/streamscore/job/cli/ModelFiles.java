package dev.streamscore.job.cli;

import dev.streamscore.model.Model;
import dev.streamscore.model.ModelLoader;
import dev.streamscore.score.Scorer;
import java.io.IOException;
import java.nio.file.Path;

/** Loads and compiles the model named by {@code --model}, with one-line reasons on failure. */
final class ModelFiles {
    private ModelFiles() {}

    /** @throws CommandFailedException naming the file and the reason */
    static Model load(String path) {
        try {
            return ModelLoader.load(Path.of(path));
        } catch (IOException e) {
            throw new CommandFailedException(String.format("cannot load model %s: %s", path, StdStreams.reason(e)), e);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(String.format("cannot load model %s: %s", path, e.getMessage()), e);
        }
    }

    /** @throws CommandFailedException naming the model and the reason */
    static Scorer compile(Model model, int maxBatch) {
        try {
            return Scorer.compile(model, maxBatch);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(String.format("model %s does not compile: %s", model.id(), e.getMessage()), e);
        }
    }
}
