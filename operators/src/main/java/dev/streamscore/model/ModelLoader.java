package dev.streamscore.model;

import dev.streamscore.graph.Graph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Reads a model from a file or from bytes, telling ONNX and streamscore JSON apart by content
 * (JSON starts with '{' after optional white space). Name and version rules (contract):
 * name = file name without extension (or the given default), version = first 12 hex digits of
 * the SHA-256 of the bytes, unless the model itself (JSON {@code name}/{@code version}) sets them;
 * an explicit version (a Kafka header) wins over both.
 */
public final class ModelLoader {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ModelLoader() {}

    /**
     * Loads a model file; the default name is the file name without its last extension
     * ({@code digits.onnx} gives {@code digits}).
     *
     * @throws ModelFormatException with the reason when the file is not a valid model (the
     *                              message does not repeat the file name: callers name the file)
     */
    public static Model load(Path file) throws IOException {
        return fromBytes(Files.readAllBytes(file), defaultName(file.getFileName().toString()), null);
    }

    /**
     * The name a model read from the file {@code fileName} takes unless it names itself: the file
     * name without its last extension ({@code digits.onnx} gives {@code digits}).
     */
    public static String defaultName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /**
     * Reads a model from its file bytes (ONNX or streamscore JSON).
     *
     * @param defaultName name used unless the model sets one; must be non-empty
     * @param version     explicit version (e.g. a Kafka header), or null (or blank) for the model's
     *                    own version, else {@link #contentVersion(byte[])}
     * @throws ModelFormatException when the bytes are empty, neither format, or not a valid model
     */
    public static Model fromBytes(byte[] bytes, String defaultName, String version) {
        if (defaultName == null || defaultName.isEmpty()) {
            throw new IllegalArgumentException("defaultName must be non-empty");
        }
        if (bytes == null || bytes.length == 0) {
            throw new ModelFormatException("empty model: 0 bytes");
        }
        String explicit = version == null || version.isBlank() ? null : version;
        int first = firstContentByte(bytes);
        if (first < 0) {
            throw new ModelFormatException(String.format("empty model: %d bytes of white space", bytes.length));
        }
        if (bytes[first] == '{') {
            JsonModelFormat.Document doc = JsonModelFormat.read(bytes);
            String v = explicit != null ? explicit : doc.version() != null ? doc.version() : contentVersion(bytes);
            return new Model(doc.name() != null ? doc.name() : defaultName, v, doc.graph(), doc.featureFields());
        }
        OnnxImporter.Imported onnx;
        try {
            onnx = OnnxImporter.importModel(bytes);
        } catch (ModelFormatException e) {
            if (e.getMessage().startsWith(OnnxImporter.NOT_ONNX)) {
                throw new ModelFormatException(String.format(
                        "not a streamscore JSON model (no '{' at the start) and %s", e.getMessage()), e);
            }
            throw e;
        }
        return new Model(defaultName, explicit != null ? explicit : contentVersion(bytes), onnx.graph(), onnx.featureFields());
    }

    /** The first 12 hex digits (lower case) of the SHA-256 of {@code bytes}. */
    public static String contentVersion(byte[] bytes) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        char[] hex = new char[12];
        for (int i = 0; i < 6; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(hex);
    }

    /** Index of the first byte that is not JSON white space or part of a UTF-8 byte order mark; -1 if none. */
    private static int firstContentByte(byte[] bytes) {
        int i = 0;
        byte[] bom = "\uFEFF".getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= 3 && bytes[0] == bom[0] && bytes[1] == bom[1] && bytes[2] == bom[2]) {
            i = 3;
        }
        for (; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return i;
            }
        }
        return -1;
    }
}
