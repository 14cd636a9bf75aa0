package dev.streamscore.job.offline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it (a line that is not UTF-8 must reach the
 * dead letters as its original bytes), in bounded memory: a line of at most {@code maxLineBytes}
 * bytes comes back whole; a longer one comes back as its first {@code keepBytes} bytes and its
 * size, the rest counted and dropped as it is read, so no line is ever held whole beyond the limit.
 * Reads only with {@link InputStream#read(byte[])}: pipes and FIFOs work. Does not close the stream.
 */
final class LineReader {
    /**
     * One line, without its {@code \n} (and one {@code \r} before it).
     *
     * @param bytes the line, or its first bytes when it is over the limit
     * @param size  the line's size in bytes: {@code bytes.length}, or more when only its first bytes are kept
     */
    record Line(byte[] bytes, long size) {
        boolean whole() {
            return bytes.length == size;
        }
    }

    private static final int READ_SIZE = 64 * 1024;
    /** Every empty line: millions of them make no garbage. */
    private static final Line EMPTY = new Line(new byte[0], 0);

    private final InputStream in;
    private final int maxLineBytes;
    private final int keepBytes;
    private final byte[] buffer = new byte[READ_SIZE];
    private int start;
    private int end;
    private boolean eof;
    /** The current line's bytes held so far: all of them, or its first {@code keepBytes} once it is over the limit. */
    private byte[] line = new byte[256];
    private int held;
    private long size;
    private boolean over;
    private byte last;

    /**
     * @param maxLineBytes the longest line returned whole
     * @param keepBytes    how many first bytes of a longer line are returned
     */
    LineReader(InputStream in, int maxLineBytes, int keepBytes) {
        if (maxLineBytes < 0 || keepBytes < 0 || maxLineBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException(String.format(
                    "maxLineBytes must be in [0, %d) and keepBytes >= 0, got %d and %d",
                    Integer.MAX_VALUE, maxLineBytes, keepBytes));
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.keepBytes = keepBytes;
    }

    /** The next line, or null at the end of the stream (a final {@code \n} does not start another line). */
    Line next() throws IOException {
        held = 0;
        size = 0;
        over = false;
        while (true) {
            if (start == end && !fill()) {
                return size == 0 ? null : finish();
            }
            int newline = -1;
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int stop = newline >= 0 ? newline : end;
            append(start, stop);
            start = newline >= 0 ? newline + 1 : end;
            if (newline >= 0) {
                return finish();
            }
        }
    }

    private boolean fill() throws IOException {
        while (!eof) {
            int n = in.read(buffer);
            if (n > 0) {
                start = 0;
                end = n;
                return true;
            }
            eof = n < 0;
        }
        return false;
    }

    /**
     * Adds {@code buffer[from, to)} to the current line. Up to {@code maxLineBytes + 1} bytes are
     * held (one more than the limit, for a {@code \r} that is dropped); past that the line is over
     * the limit and only its first {@code keepBytes} are held.
     */
    private void append(int from, int to) {
        int count = to - from;
        if (count == 0) {
            return;
        }
        last = buffer[to - 1];
        size += count;
        if (!over && size > maxLineBytes + 1L) {
            over = true;
            held = Math.min(held, keepBytes);
        }
        int cap = over ? keepBytes : maxLineBytes + 1;
        int take = (int) Math.min(count, (long) cap - held);
        if (take <= 0) {
            return;
        }
        if (held + take > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(cap, Math.max(2L * line.length, held + take)));
        }
        System.arraycopy(buffer, from, line, held, take);
        held += take;
    }

    private Line finish() {
        long n = size > 0 && last == '\r' ? size - 1 : size;
        if (n == 0) {
            return EMPTY;
        }
        if (!over && n <= maxLineBytes) {
            return new Line(Arrays.copyOf(line, (int) n), n);
        }
        return new Line(Arrays.copyOf(line, (int) Math.min(Math.min(held, keepBytes), n)), n);
    }
}
