package dev.streamscore.job.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    private static List<String> lines(InputStream in) throws IOException {
        LineReader reader = new LineReader(in);
        List<String> out = new ArrayList<>();
        byte[] line;
        while ((line = reader.next()) != null) {
            out.add(new String(line, StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    private static List<String> lines(String text) throws IOException {
        return lines(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
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
        LineReader reader = new LineReader(new ByteArrayInputStream(raw));
        assertEquals(Arrays.toString(new byte[] {'{', (byte) 0xff, 0, '}'}), Arrays.toString(reader.next()));
        assertEquals(Arrays.toString(new byte[] {(byte) 0xc3, (byte) 0xa9}), Arrays.toString(reader.next()));
        assertEquals(null, reader.next());
    }

    @Test
    void linesLongerThanTheBufferAndShortReads() throws IOException {
        String longLine = "x".repeat(200_000);
        String text = "short\n" + longLine + "\n" + "y".repeat(65_536) + "\nend";
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        assertEquals(List.of("short", longLine, "y".repeat(65_536), "end"), lines(trickle));
        assertEquals(List.of("short", longLine, "y".repeat(65_536), "end"), lines(text));
    }
}
