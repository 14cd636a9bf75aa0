package dev.streamscore.sql.provider;

import dev.streamscore.model.ModelLoader;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Reads a model file through Flink's {@link FileSystem}, so that every scheme the cluster is
 * configured for ({@code file://}, {@code s3://}, {@code hdfs://}, ...) works; a path without a
 * scheme is a local file (or of the cluster's {@code fs.default-scheme}).
 */
final class ModelFile {
    /** Larger files cannot be held in one Java array. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private ModelFile() {}

    /**
     * The path made absolute and given its file system's scheme (a relative local path is resolved
     * against the working directory of the process that plans the statement), so that the task
     * managers read the same file.
     *
     * @throws IOException when the file system of the path is not available
     */
    static Path qualify(String path) throws IOException {
        Path p = new Path(path);
        return p.makeQualified(p.getFileSystem());
    }

    /**
     * All bytes of the file.
     *
     * @throws IOException naming the path when it is missing, a directory, too large or unreadable
     */
    static byte[] read(Path path) throws IOException {
        FileSystem fs = path.getFileSystem();
        FileStatus status = fs.getFileStatus(path);
        if (status.isDir()) {
            throw new IOException(String.format("%s is a directory, not a model file", path));
        }
        if (status.getLen() > MAX_BYTES) {
            throw new IOException(String.format("%s has %d bytes; at most %d are supported", path, status.getLen(), MAX_BYTES));
        }
        try (InputStream in = fs.open(path)) {
            return in.readAllBytes();
        }
    }

    /** The name the model takes unless it names itself, as for every model file ({@link ModelLoader#defaultName}). */
    static String defaultName(Path path) {
        return ModelLoader.defaultName(path.getName());
    }
}
