package dev.streamscore.job.security;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSigningKeyTest {
    /** RFC 4231 test case 6 and 7 key: 131 bytes of 0xaa (longer than SHA-256's block, so hashed first). */
    static final byte[] LONG_KEY = filled(131, 0xaa);
    static final String CASE_6_DATA = "Test Using Larger Than Block-Size Key - Hash Key First";
    static final String CASE_6_HMAC = "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54";

    @TempDir
    Path tmp;

    @Test
    void rfc4231TestVectors() {
        assertEquals("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                ModelSigningKey.hmacSha256Hex(filled(20, 0x0b), "Hi There".getBytes(US_ASCII)));
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                ModelSigningKey.hmacSha256Hex("Jefe".getBytes(US_ASCII), "what do ya want for nothing?".getBytes(US_ASCII)));
        assertEquals("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
                ModelSigningKey.hmacSha256Hex(filled(20, 0xaa), filled(50, 0xdd)));
        assertEquals("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
                ModelSigningKey.hmacSha256Hex(HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10111213141516171819"), filled(50, 0xcd)));
        assertTrue(ModelSigningKey.hmacSha256Hex(filled(20, 0x0c), "Test With Truncation".getBytes(US_ASCII))
                .startsWith("a3b6167473100ee06e0c796c2955552b"), "test case 5: the first 128 bits");
        assertEquals(CASE_6_HMAC, ModelSigningKey.hmacSha256Hex(LONG_KEY, CASE_6_DATA.getBytes(US_ASCII)));
        assertEquals("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
                ModelSigningKey.hmacSha256Hex(LONG_KEY, ("This is a test using a larger than block-size key and a larger "
                        + "than block-size data. The key needs to be hashed before being used by the HMAC algorithm.").getBytes(US_ASCII)));
    }

    @Test
    void aKeyFileSignsAndVerifiesInConstantTimeComparison() throws Exception {
        ModelSigningKey key = ModelSigningKey.load("--model-signing-key", Files.write(tmp.resolve("k"), LONG_KEY));
        byte[] data = CASE_6_DATA.getBytes(US_ASCII);
        assertEquals(CASE_6_HMAC, key.sign(data));
        assertEquals(CASE_6_HMAC, key.sign(new ByteArrayInputStream(data)));
        assertTrue(key.verify(data, CASE_6_HMAC.getBytes(US_ASCII)));
        assertEquals(Optional.empty(), key.refusal(data, CASE_6_HMAC.getBytes(US_ASCII)));
        byte[] tampered = Arrays.copyOf(data, data.length);
        tampered[0] ^= 1;
        assertEquals(Optional.of("signature does not match the value (HMAC-SHA256 with the --model-signing-key)"),
                key.refusal(tampered, CASE_6_HMAC.getBytes(US_ASCII)));
        assertEquals(Optional.of("unsigned: no 'signature' header (HMAC-SHA256 of the value required by --model-signing-key)"),
                key.refusal(data, null));
        assertEquals(Optional.of("signature header: expected 64 lowercase hex digits, got 64 bytes"),
                key.refusal(data, CASE_6_HMAC.toUpperCase().getBytes(US_ASCII)));
        assertEquals(Optional.of("signature header: expected 64 lowercase hex digits, got 63 bytes"),
                key.refusal(data, CASE_6_HMAC.substring(1).getBytes(US_ASCII)));
        assertFalse(key.verify(data, new byte[0]));
    }

    @Test
    void oneTrailingLineBreakIsNotPartOfTheKey() throws Exception {
        byte[] hexKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".getBytes(US_ASCII);
        byte[] data = "model bytes".getBytes(US_ASCII);
        String expected = ModelSigningKey.hmacSha256Hex(hexKey, data);
        for (String ending : new String[] {"", "\n", "\r\n"}) {
            Path file = Files.write(tmp.resolve("key"), concat(hexKey, ending.getBytes(US_ASCII)));
            assertEquals(expected, ModelSigningKey.load("--key", file).sign(data), ending);
        }
        Path twoBreaks = Files.write(tmp.resolve("key2"), concat(hexKey, "\n\n".getBytes(US_ASCII)));
        assertEquals(ModelSigningKey.hmacSha256Hex(concat(hexKey, "\n".getBytes(US_ASCII)), data),
                ModelSigningKey.load("--key", twoBreaks).sign(data));
    }

    @Test
    void emptyShortHugeMissingOrDirectoryKeysAreRefusedInOneLine() throws Exception {
        Path empty = Files.write(tmp.resolve("empty"), new byte[0]);
        assertRefused(String.format("--key %s: expected a key of 32 to 65536 bytes (e.g. from 'openssl rand -hex 32'), got 0", empty), empty);
        Path newline = Files.write(tmp.resolve("newline"), "\n".getBytes(US_ASCII));
        assertRefused(String.format("--key %s: expected a key of 32 to 65536 bytes (e.g. from 'openssl rand -hex 32'), got 0", newline), newline);
        Path shortKey = Files.write(tmp.resolve("short"), filled(31, 'k'));
        assertRefused(String.format("--key %s: expected a key of 32 to 65536 bytes (e.g. from 'openssl rand -hex 32'), got 31", shortKey), shortKey);
        Path huge = Files.write(tmp.resolve("huge"), filled(ModelSigningKey.MAX_KEY_BYTES + 1, 'k'));
        assertRefused(String.format("--key %s: expected a key of 32 to 65536 bytes (e.g. from 'openssl rand -hex 32'), got more", huge), huge);
        Path missing = tmp.resolve("missing");
        assertRefused(String.format("--key %s: no such file", missing), missing);
        assertRefused(String.format("--key %s: is a directory, expected a key file", tmp), tmp);
        assertEquals(32, ModelSigningKey.load("--key", Files.write(tmp.resolve("ok"), filled(32, 'k'))).sign(new byte[0]).length() / 2);
    }

    @Test
    void neitherToStringNorSerializationLosesOrShowsTheKey() throws Exception {
        ModelSigningKey key = ModelSigningKey.load("--key", Files.write(tmp.resolve("k"), LONG_KEY));
        assertEquals("ModelSigningKey[HMAC-SHA256, 131 bytes, [hidden]]", key.toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(key);
        }
        ModelSigningKey copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ModelSigningKey) in.readObject();
        }
        assertEquals(CASE_6_HMAC, copy.sign(CASE_6_DATA.getBytes(US_ASCII)));
    }

    private static void assertRefused(String expected, Path file) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSigningKey.load("--key", file));
        assertEquals(expected, e.getMessage());
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
