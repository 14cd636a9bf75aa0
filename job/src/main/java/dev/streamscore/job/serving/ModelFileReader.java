package dev.streamscore.job.serving;

import dev.streamscore.model.ModelFormatException;
import dev.streamscore.util.Heap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Reads a model file's bytes without ever holding more than the size limit or more than the heap
 * can spare: a regular file over the limit is refused by its size, unread; anything else (a pipe,
 * a FIFO, {@code /dev/zero}) is read in growing chunks, each growth checked first against the
 * limit and against what the heap can spare.
 */
final class ModelFileReader {
    private static final int FIRST_CHUNK = 64 * 1024;

    private ModelFileReader() {}

    /**
     * @throws ModelFormatException when the file is over {@code maxBytes} or larger than the heap can hold
     * @throws IOException          when it cannot be read
     */
    static byte[] read(Path file, int maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (a.isRegularFile() && a.size() > maxBytes) {
                throw overLimit(String.valueOf(a.size()), maxBytes);
            }
            // one more than expected, so that the end is seen without growing
            int first = (int) Math.min(maxBytes + 1L, a.isRegularFile() ? a.size() + 1 : FIRST_CHUNK);
            byte[] buffer = allocate(first, a.isRegularFile() ? String.format("%d bytes", a.size()) : "the first bytes");
            int n = 0;
            while (true) {
                if (n == buffer.length) {
                    if (n > maxBytes) {
                        throw overLimit(String.format("more than %d", maxBytes), maxBytes);
                    }
                    int size = (int) Math.min(maxBytes + 1L, Math.max(2L * n, FIRST_CHUNK));
                    byte[] bigger = allocate(size, String.format("more than %s and not at its end", Heap.bytes(n)));
                    System.arraycopy(buffer, 0, bigger, 0, n);
                    buffer = bigger;
                }
                int r = in.read(buffer, n, buffer.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            if (n > maxBytes) {
                throw overLimit(String.format("more than %d", maxBytes), maxBytes);
            }
            return n == buffer.length ? buffer : Arrays.copyOf(buffer, n);
        }
    }

    /** A buffer of {@code size} bytes, if the heap can spare it. @param what the file's size so far, for the message */
    private static byte[] allocate(int size, String what) {
        long spare = Heap.spare(size);
        if (size > spare) {
            throw new ModelFormatException(String.format("%s: more than the heap can hold (%s to spare, max heap %s)",
                    what, Heap.bytes(spare), Heap.bytes(Heap.max())));
        }
        return new byte[size];
    }

    private static ModelFormatException overLimit(String size, int maxBytes) {
        return new ModelFormatException(String.format("%s bytes, over the limit of %d (--max-model-bytes)", size, maxBytes));
    }
}
