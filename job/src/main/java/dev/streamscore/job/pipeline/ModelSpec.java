package dev.streamscore.job.pipeline;

import dev.streamscore.model.Model;
import dev.streamscore.model.ModelLoader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A model as the job carries it: its file's bytes, its name and its version. This, never a compiled
 * {@code Scorer}, is what operators hold and what goes into checkpoints; each subtask compiles its
 * own scorer from the bytes in {@code open()}.
 *
 * @param name    the model's name
 * @param version the model's version
 * @param bytes   the model file (ONNX or streamscore JSON), not copied: do not modify
 */
public record ModelSpec(String name, String version, byte[] bytes) implements Serializable {

    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException(String.format("model %s@%s: no bytes", name, version));
        }
    }

    /**
     * Reads a model file: name and version follow the model rules (file name without extension
     * and the content hash, unless the model sets them).
     *
     * @throws dev.streamscore.model.ModelFormatException when the file is not a valid model
     */
    public static ModelSpec read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Model model = ModelLoader.fromBytes(bytes, baseName(file), null);
        return new ModelSpec(model.name(), model.version(), bytes);
    }

    /** Parses the bytes into a model named {@code name@version} (whatever the bytes say). */
    public Model load() {
        Model parsed = ModelLoader.fromBytes(bytes, name, version);
        return new Model(name, version, parsed.graph());
    }

    /** {@code name@version}. */
    public String id() {
        return String.format("%s@%s", name, version);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec m && m.name.equals(name) && m.version.equals(version)
                && Arrays.equals(m.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * id().hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return String.format("ModelSpec[%s, %d bytes]", id(), bytes.length);
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
