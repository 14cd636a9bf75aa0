package dev.streamscore.job.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 key that signs model updates ({@code --model-signing-key FILE},
 * {@code sign-model --key FILE}): an update's {@code signature} header must be
 * {@code hex(HMAC-SHA256(key, value))} in lowercase, 64 characters.
 *
 * <p>Key file format: the file's bytes are the key, less one trailing line break ({@code \n} or
 * {@code \r\n}), so both {@code head -c 32 /dev/urandom > key} and
 * {@code openssl rand -hex 32 > key} (whose 64 hex characters are then the key's bytes) make a key.
 * At least {@value #MIN_KEY_BYTES} bytes (RFC 2104: not shorter than the hash output), at most
 * {@value #MAX_KEY_BYTES}.
 *
 * <p>Verification compares in constant time ({@link MessageDigest#isEqual}), and no message ever
 * contains the expected signature or the key. Serializable (the key's bytes only), so a Flink
 * function can carry it; {@link #toString()} shows no key material.
 */
public final class ModelSigningKey implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int MIN_KEY_BYTES = 32;
    public static final int MAX_KEY_BYTES = 1 << 16;
    /** Length of a signature: hex of the 32 bytes of an HMAC-SHA256. */
    public static final int SIGNATURE_CHARS = 64;
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    private ModelSigningKey(byte[] key) {
        this.key = key;
    }

    /**
     * Reads a key file.
     *
     * @param flag the flag naming the file, for messages (e.g. {@code --model-signing-key})
     * @throws IllegalArgumentException with a one-line reason naming the flag and the file
     */
    public static ModelSigningKey load(String flag, Path file) {
        byte[] bytes = FlagFiles.read(flag, file, "a key file", in -> in.readNBytes(MAX_KEY_BYTES + 3));
        byte[] key = withoutTrailingLineBreak(bytes);
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException(String.format(
                    "%s %s: expected a key of %d to %d bytes (e.g. from 'openssl rand -hex 32'), got %s",
                    flag, file, MIN_KEY_BYTES, MAX_KEY_BYTES,
                    key.length > MAX_KEY_BYTES ? "more" : String.format("%d", key.length)));
        }
        return new ModelSigningKey(key);
    }

    /** Lowercase hex of HMAC-SHA256({@code key}, {@code data}), for any key length (the RFC 4231 vectors included). */
    public static String hmacSha256Hex(byte[] key, byte[] data) {
        Mac mac = mac(key);
        return HexFormat.of().formatHex(mac.doFinal(data));
    }

    /** The signature of {@code value}: lowercase hex HMAC-SHA256, {@value #SIGNATURE_CHARS} characters. */
    public String sign(byte[] value) {
        return hmacSha256Hex(key, value);
    }

    /** The signature of everything {@code in} holds, read in chunks (a model file of any size in bounded memory). */
    public String sign(InputStream in) throws IOException {
        Mac mac = mac(key);
        byte[] chunk = new byte[64 * 1024];
        for (int n; (n = in.read(chunk)) >= 0; ) {
            mac.update(chunk, 0, n);
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /**
     * Why {@code value} with the {@code signature} header {@code signature} (its raw bytes, null when
     * absent) must be refused, or empty when the signature is right. The reasons name neither the
     * expected signature nor the key.
     */
    public Optional<String> refusal(byte[] value, byte[] signature) {
        if (signature == null) {
            return Optional.of("unsigned: no 'signature' header (HMAC-SHA256 of the value required by --model-signing-key)");
        }
        if (signature.length != SIGNATURE_CHARS || !lowercaseHex(signature)) {
            return Optional.of(String.format(
                    "signature header: expected %d lowercase hex digits, got %d bytes", SIGNATURE_CHARS, signature.length));
        }
        byte[] expected = sign(value).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature)
                ? Optional.empty()
                : Optional.of("signature does not match the value (HMAC-SHA256 with the --model-signing-key)");
    }

    /** True when {@code signature} is the right one for {@code value}. */
    public boolean verify(byte[] value, byte[] signature) {
        return refusal(value, signature).isEmpty();
    }

    @Override
    public String toString() {
        return String.format("ModelSigningKey[HMAC-SHA256, %d bytes, [hidden]]", key.length);
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(String.format("%s is not available: %s", ALGORITHM, e.getMessage()), e);
        }
    }

    private static boolean lowercaseHex(byte[] s) {
        for (byte b : s) {
            if (!((b >= '0' && b <= '9') || (b >= 'a' && b <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static byte[] withoutTrailingLineBreak(byte[] b) {
        int end = b.length;
        if (end > 0 && b[end - 1] == '\n') {
            end--;
            if (end > 0 && b[end - 1] == '\r') {
                end--;
            }
        }
        return Arrays.copyOf(b, end);
    }
}
