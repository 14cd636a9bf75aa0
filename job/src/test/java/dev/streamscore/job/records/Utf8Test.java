package dev.streamscore.job.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8Test {
    private static int at(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Utf8.firstInvalid(b);
    }

    @Test
    void validSequences() {
        assertEquals(-1, Utf8.firstInvalid("plain ascii".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1, Utf8.firstInvalid("zoë € 😀 \u07ff \uffff \ud7ff \ue000".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1, Utf8.firstInvalid(new byte[0]));
        assertEquals(-1, at(0xf4, 0x8f, 0xbf, 0xbf)); // U+10FFFF
    }

    @Test
    void invalidSequencesGiveTheirOffset() {
        assertEquals(1, at('a', 0x80));                 // lone continuation byte
        assertEquals(0, at(0xc0, 0xaf));                // overlong '/'
        assertEquals(0, at(0xc1, 0xbf));                // overlong
        assertEquals(0, at(0xe0, 0x9f, 0xbf));          // overlong 3-byte
        assertEquals(0, at(0xed, 0xa0, 0x80));          // UTF-16 surrogate U+D800
        assertEquals(0, at(0xf0, 0x8f, 0xbf, 0xbf));    // overlong 4-byte
        assertEquals(0, at(0xf4, 0x90, 0x80, 0x80));    // above U+10FFFF
        assertEquals(0, at(0xf5, 0x80, 0x80, 0x80));    // never valid lead
        assertEquals(2, at('a', 'b', 0xe2, 0x82));      // truncated at the end
        assertEquals(0, at(0xe2, 0x28, 0xa1));          // bad continuation
        assertEquals(0, at(0xff));
    }

    /** A cut moves back only to the start of a character that crosses it. */
    @Test
    void boundaryKeepsWholeCharactersOnly() {
        byte[] e = "a\u00e9\u20ac\ud83d\ude00".getBytes(StandardCharsets.UTF_8); // a, 2, 3 and 4 bytes
        assertEquals(1, Utf8.boundary(e, 2), "inside é");
        assertEquals(3, Utf8.boundary(e, 3), "after é");
        assertEquals(3, Utf8.boundary(e, 5), "inside €");
        assertEquals(6, Utf8.boundary(e, 9), "inside the emoji");
        assertEquals(e.length, Utf8.boundary(e, 100));
    }

    /**
     * Found by ScoringOperatorFuzzTest: continuation bytes that follow no lead byte moved the cut
     * back over them, so a binary value's dead letter kept fewer bytes than it could, as UTF-8
     * text, though the value is not UTF-8 there.
     */
    @Test
    void strayContinuationBytesDoNotMoveTheCut() {
        byte[] b = {0, 0, 0, 0, (byte) 0xbf, (byte) 0xbf, (byte) 0xbf, (byte) 0xbf};
        assertEquals(7, Utf8.boundary(b, 7));
        assertEquals(2, Utf8.boundary(new byte[] {'a', 'b', (byte) 0xe2, (byte) 0x82, (byte) 0xac}, 3), "a € cut after its lead byte");
        assertEquals(4, Utf8.boundary(new byte[] {'a', (byte) 0xc3, (byte) 0xa9, (byte) 0xa9, (byte) 0xa9}, 4),
                "an é followed by a stray byte");
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomBytes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 20000; round++) {
            byte[] b = new byte[random.nextInt(1, 8)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (random.nextBoolean() ? random.nextInt(0x80, 0x100) : random.nextInt(0, 0x100));
            }
            assertEquals(jdkValid(b), Utf8.isValid(b), () -> java.util.HexFormat.of().formatHex(b));
        }
    }

    private static boolean jdkValid(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
