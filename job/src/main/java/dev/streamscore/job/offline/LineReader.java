package dev.streamscore.job.offline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it (a line that is not UTF-8 must reach the
 * dead letters as its original bytes). Does not close the stream.
 */
final class LineReader {
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private boolean eof;
    private byte[] line = new byte[256];

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its {@code \n} (and one {@code \r} before it), or null at the end. */
    byte[] next() throws IOException {
        int length = 0;
        while (true) {
            if (start == end) {
                if (eof || !fill()) {
                    return length == 0 ? null : trim(length);
                }
            }
            int newline = -1;
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int stop = newline >= 0 ? newline : end;
            length = append(length, stop - start);
            start = newline >= 0 ? newline + 1 : end;
            if (newline >= 0) {
                return trim(length);
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n <= 0) {
            eof = n < 0;
            return !eof && fill();
        }
        start = 0;
        end = n;
        return true;
    }

    private int append(int length, int count) {
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(buffer, start, line, length, count);
        return length + count;
    }

    private byte[] trim(int length) {
        int n = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        return Arrays.copyOf(line, n);
    }
}
