package dev.streamscore.job.serving;

import dev.streamscore.model.ModelFormatException;
import dev.streamscore.util.Heap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a model file's bytes without ever holding more than the size limit or more than the heap
 * can spare: a regular file over the limit is refused by its size, unread; anything else (a pipe,
 * a FIFO, {@code /dev/zero}) is refused as soon as it has given more than the limit. The bytes are
 * read in chunks small enough for any heap region and joined once the end is reached, so the
 * reading holds at most twice the file, which must fit what the heap can spare.
 */
final class ModelFileReader {
    /** Under a G1 region, so no chunk is a humongous object that needs contiguous free regions. */
    private static final int CHUNK = 256 * 1024;

    private ModelFileReader() {}

    /**
     * @throws ModelFormatException when the file is over {@code maxBytes} or larger than the heap can hold
     * @throws IOException          when it cannot be read
     */
    static byte[] read(Path file, int maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (a.isRegularFile() && a.size() > maxBytes) {
                throw new ModelFormatException(String.format("%d bytes, over the limit of %d (--max-model-bytes)",
                        a.size(), maxBytes));
            }
            // the bytes are held twice while the chunks are joined: read at most half of what the heap spares
            long spare = Heap.spare(a.isRegularFile() ? 2 * a.size() + CHUNK : 2L * CHUNK);
            long allowed = spare / 2;
            if (a.isRegularFile() && a.size() > allowed) {
                throw tooLarge(String.format("%d bytes", a.size()), spare);
            }
            List<byte[]> chunks = new ArrayList<>();
            long total = 0;
            while (true) {
                if (total + CHUNK > allowed) {
                    // measured again (after a collection if need be) only when the estimate runs out
                    spare = Heap.spare(total + 2L * CHUNK);
                    allowed = (spare + total) / 2;
                    if (total + CHUNK > allowed) {
                        throw tooLarge(String.format("more than %s and not at its end", Heap.bytes(total)), spare);
                    }
                }
                byte[] chunk = in.readNBytes(CHUNK);
                chunks.add(chunk);
                total += chunk.length;
                if (total > maxBytes) {
                    throw new ModelFormatException(String.format("more than %d bytes, over the limit of %d (--max-model-bytes)",
                            maxBytes, maxBytes));
                }
                if (chunk.length < CHUNK) {
                    break;
                }
            }
            byte[] bytes = new byte[(int) total];
            int at = 0;
            for (byte[] chunk : chunks) {
                System.arraycopy(chunk, 0, bytes, at, chunk.length);
                at += chunk.length;
            }
            return bytes;
        }
    }

    /** @param what the file's size, or how much of it was read */
    private static ModelFormatException tooLarge(String what, long spare) {
        return new ModelFormatException(String.format("%s: more than the heap can hold while reading it (%s to spare, max heap %s)",
                what, Heap.bytes(spare), Heap.bytes(Heap.max())));
    }
}
