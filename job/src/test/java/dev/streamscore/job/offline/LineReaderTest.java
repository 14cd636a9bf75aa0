package dev.streamscore.job.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static final int NO_LIMIT = Integer.MAX_VALUE - 1;

    private static List<String> lines(InputStream in, int maxLineBytes, int keepBytes) throws IOException {
        LineReader reader = new LineReader(in, maxLineBytes, keepBytes);
        List<String> out = new ArrayList<>();
        LineReader.Line line;
        while ((line = reader.next()) != null) {
            String text = new String(line.bytes(), StandardCharsets.ISO_8859_1);
            out.add(line.whole() ? text : String.format("%s...(%d)", text, line.size()));
        }
        return out;
    }

    private static List<String> lines(String text) throws IOException {
        return lines(text, NO_LIMIT, NO_LIMIT);
    }

    private static List<String> lines(String text, int maxLineBytes, int keepBytes) throws IOException {
        return lines(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), maxLineBytes, keepBytes);
    }

    /** {@code size} bytes of 'x' then a newline and "end", made as they are read (nothing held). */
    private static InputStream hugeLine(long size) {
        return new InputStream() {
            private long left = size;
            private final byte[] tail = {'\n', 'e', 'n', 'd'};
            private int tailAt;

            @Override
            public int read() {
                throw new UnsupportedOperationException("the reader reads in blocks");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left > 0) {
                    int n = (int) Math.min(len, left);
                    Arrays.fill(b, off, off + n, (byte) 'x');
                    left -= n;
                    return n;
                }
                if (tailAt == tail.length) {
                    return -1;
                }
                b[off] = tail[tailAt++];
                return 1;
            }
        };
    }

    @Test
    void splitsOnNewlines() throws IOException {
        assertEquals(List.of("a", "b"), lines("a\nb\n"));
        assertEquals(List.of("a", "b"), lines("a\nb"));
        assertEquals(List.of(), lines(""));
        assertEquals(List.of(""), lines("\n"));
        assertEquals(List.of("a", "", "b", ""), lines("a\n\nb\n\n"));
    }

    @Test
    void dropsOneCarriageReturnBeforeTheNewline() throws IOException {
        assertEquals(List.of("a", "b\r", "c"), lines("a\r\nb\r\r\nc\r"));
    }

    @Test
    void keepsBytesAsTheyAre() throws IOException {
        byte[] raw = {'{', (byte) 0xff, 0, '}', '\n', (byte) 0xc3, (byte) 0xa9};
        LineReader reader = new LineReader(new ByteArrayInputStream(raw), 100, 100);
        assertEquals(Arrays.toString(new byte[] {'{', (byte) 0xff, 0, '}'}), Arrays.toString(reader.next().bytes()));
        assertEquals(Arrays.toString(new byte[] {(byte) 0xc3, (byte) 0xa9}), Arrays.toString(reader.next().bytes()));
        assertNull(reader.next());
    }

    @Test
    void linesLongerThanTheBufferAndShortReads() throws IOException {
        String longLine = "x".repeat(200_000);
        String text = "short\n" + longLine + "\n" + "y".repeat(65_536) + "\nend";
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1))) {
            private int calls;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                // every other call reads nothing, as a non-blocking source may
                return calls++ % 2 == 0 ? 0 : super.read(b, off, Math.min(len, 7));
            }
        };
        assertEquals(List.of("short", longLine, "y".repeat(65_536), "end"), lines(trickle, NO_LIMIT, NO_LIMIT));
        assertEquals(List.of("short", longLine, "y".repeat(65_536), "end"), lines(text));
    }

    @Test
    void aLineOverTheLimitKeepsOnlyItsFirstBytesAndItsSize() throws IOException {
        assertEquals(List.of("abcde", "abc...(6)", "ok"), lines("abcde\nabcdef\nok\n", 5, 3));
        assertEquals(List.of("abc...(6)", "ok"), lines("abcdef\r\nok", 5, 3), "the \\r is not counted");
        assertEquals(List.of("abcde", "abcd...(7)"), lines("abcde\r\nabcdefg\r\n", 5, 4), "at the limit with CRLF: whole");
        assertEquals(List.of("...(3)", "ab"), lines("abc\nab\n", 2, 0), "nothing kept");
        assertEquals(List.of("abcdefgh...(12)"), lines("abcdefghijkl", 5, 8), "more kept than the limit");
        String big = "z".repeat(300_000);
        assertEquals(List.of(String.format("%s...(300000)", "z".repeat(1000)), "tail"),
                lines(String.format("%s\ntail", big), 100_000, 1000));
    }

    @Test
    void aLineOfMoreThan2GiBIsSkippedAsItIsRead() throws IOException {
        long size = (1L << 31) + 5;
        LineReader reader = new LineReader(hugeLine(size), 1 << 20, 16);
        LineReader.Line line = reader.next();
        assertEquals(size, line.size());
        assertFalse(line.whole());
        assertEquals("x".repeat(16), new String(line.bytes(), StandardCharsets.US_ASCII));
        LineReader.Line end = reader.next();
        assertTrue(end.whole());
        assertEquals("end", new String(end.bytes(), StandardCharsets.US_ASCII));
        assertNull(reader.next());
    }
}
