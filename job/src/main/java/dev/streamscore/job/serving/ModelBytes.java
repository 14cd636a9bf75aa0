package dev.streamscore.job.serving;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A model as the job carries it: its file's bytes (ONNX or streamscore JSON), its name and its
 * version. This, never a compiled model, is what operators are given and what goes into
 * checkpoints (a Flink POJO, written by Flink's own serializer); each subtask compiles its own
 * {@link LoadedModel} from it. It is {@link Serializable} only because the operator that starts
 * with it travels inside Flink's job graph, which Flink ships with Java serialisation.
 *
 * @param name    the model's name
 * @param version the model's version
 * @param bytes   the model file, not copied: do not modify
 */
public record ModelBytes(String name, String version, byte[] bytes) implements Serializable {

    public ModelBytes {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException(String.format("model %s@%s: no bytes", name, version));
        }
    }

    /** {@code name@version}. */
    public String id() {
        return String.format("%s@%s", name, version);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelBytes m && m.name.equals(name) && m.version.equals(version)
                && Arrays.equals(m.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * id().hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return String.format("ModelBytes[%s, %d bytes]", id(), bytes.length);
    }
}
