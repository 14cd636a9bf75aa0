package dev.streamscore.job.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamscore.job.security.ModelSigningKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sign-model} through {@link Main}: its output, and exit status 0, 2 (a usage error) or 1 (any other failure). */
class SignModelCommandTest {
    @TempDir
    Path tmp;
    private Path key;
    private Path model;

    @BeforeEach
    void rfc4231Case6() throws Exception {
        byte[] k = new byte[131];
        Arrays.fill(k, (byte) 0xaa);
        key = Files.write(tmp.resolve("signing.key"), k);
        model = Files.writeString(tmp.resolve("model.onnx"), "Test Using Larger Than Block-Size Key - Hash Key First", US_ASCII);
    }

    @Test
    void printsTheLowercaseHexHmacOnOneLine() {
        Result r = run("--key", key.toString(), "--model", model.toString());
        assertEquals(0, r.status);
        assertEquals("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54\n", r.out);
        assertEquals("", r.err);
    }

    @Test
    void signsALargeFileInChunks() throws Exception {
        byte[] big = new byte[3 * 64 * 1024 + 17];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Path bigModel = Files.write(tmp.resolve("big.onnx"), big);
        byte[] k = Files.readAllBytes(key);
        Result r = run("--model", bigModel.toString(), "--key", key.toString());
        assertEquals(0, r.status);
        assertEquals(String.format("%s%n", ModelSigningKey.hmacSha256Hex(k, big)), r.out);
    }

    @Test
    void helpPrintsTheUsage() {
        Result r = run("--help");
        assertEquals(0, r.status);
        assertEquals("usage: ./streamscore sign-model --key FILE --model FILE\n", r.out);
    }

    @Test
    void missingUnknownOrEmptyFlagsAreUsageErrors() {
        assertUsage("missing required flag --key", "--model", model.toString());
        assertUsage("missing required flag --model", "--key", key.toString());
        assertUsage("unknown flag --output; valid flags are --key, --model, --help",
                "--key", key.toString(), "--model", model.toString(), "--output", "x");
        assertUsage("--key: expected a file, got ''", "--key=", "--model", model.toString());
        assertUsage("--model needs a value", "--key", key.toString(), "--model");
    }

    @Test
    void badKeyOrModelFilesAreOneLineFailures() throws Exception {
        Path shortKey = Files.writeString(tmp.resolve("short.key"), "tooshort\n");
        assertFailure(String.format("--key %s: expected a key of 32 to 65536 bytes (e.g. from 'openssl rand -hex 32'), got 8", shortKey),
                "--key", shortKey.toString(), "--model", model.toString());
        Path missing = tmp.resolve("missing.onnx");
        assertFailure(String.format("--model %s: no such file", missing), "--key", key.toString(), "--model", missing.toString());
        assertFailure(String.format("--model %s: is a directory, expected a model file", tmp), "--key", key.toString(), "--model", tmp.toString());
        assertFailure(String.format("--key %s: no such file", missing), "--key", missing.toString(), "--model", model.toString());
    }

    private void assertUsage(String message, String... args) {
        Result r = run(args);
        assertEquals(2, r.status, r.err);
        assertEquals(String.format("streamscore sign-model: %s%nusage: ./streamscore sign-model --key FILE --model FILE%n",
                message), r.err);
        assertEquals("", r.out);
    }

    private void assertFailure(String message, String... args) {
        Result r = run(args);
        assertEquals(1, r.status, r.err);
        assertEquals(String.format("streamscore sign-model: %s%n", message), r.err);
        assertEquals("", r.out);
    }

    private record Result(int status, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(new SignModelCommand(), List.of(args), o, e);
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
