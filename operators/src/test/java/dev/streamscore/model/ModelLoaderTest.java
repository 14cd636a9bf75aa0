package dev.streamscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.graph.OpType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {
    /** A JSON model that sets neither name nor version. */
    private static final String ANONYMOUS = """
            {"format": "streamscore-model/1", "output": 1, "nodes": [
              {"id": 0, "op": "input", "name": "x", "width": 2},
              {"id": 1, "op": "softmax", "inputs": [0]}]}
            """;

    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void contentVersionIsTheFirstTwelveHexDigitsOfSha256() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad (FIPS 180-2 example)
        assertEquals("ba7816bf8f01", ModelLoader.contentVersion(utf8("abc")));
        // SHA-256("") = e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
        assertEquals("e3b0c44298fc", ModelLoader.contentVersion(new byte[0]));
    }

    @Test
    void fileNameWithoutExtensionAndContentHashByDefault() throws IOException {
        Path onnx = dir.resolve("fraud.v2.onnx");
        byte[] bytes = OnnxFixture.smallMlp().bytes();
        Files.write(onnx, bytes);
        Model m = ModelLoader.load(onnx);
        assertEquals("fraud.v2", m.name());
        assertEquals(ModelLoader.contentVersion(bytes), m.version());
        assertEquals(String.format("fraud.v2@%s", ModelLoader.contentVersion(bytes)), m.id());

        Path json = dir.resolve("plain");
        Files.write(json, utf8(ANONYMOUS));
        Model j = ModelLoader.load(json);
        assertEquals("plain", j.name(), "no extension: the whole file name");
        assertEquals(ModelLoader.contentVersion(utf8(ANONYMOUS)), j.version());
        assertEquals(OpType.SOFTMAX, j.graph().node(1).op());
    }

    @Test
    void modelNameAndVersionWinOverTheFileAndAnExplicitVersionWinsOverAll() throws IOException {
        Path file = dir.resolve("file-name.json");
        Files.write(file, utf8(JsonModelFormatTest.SPEC_EXAMPLE));
        Model m = ModelLoader.load(file);
        assertEquals("digits", m.name());
        assertEquals("2026-11-27", m.version());

        Model header = ModelLoader.fromBytes(utf8(JsonModelFormatTest.SPEC_EXAMPLE), "kafka-key", "v9");
        assertEquals("digits", header.name(), "the model's own name wins over the key");
        assertEquals("v9", header.version(), "an explicit version wins over the model's");
        Model blank = ModelLoader.fromBytes(utf8(ANONYMOUS), "kafka-key", "  ");
        assertEquals("kafka-key", blank.name());
        assertEquals(ModelLoader.contentVersion(utf8(ANONYMOUS)), blank.version(), "a blank version counts as none");
        Model onnx = ModelLoader.fromBytes(OnnxFixture.smallMlp().bytes(), "kafka-key", "7");
        assertEquals("kafka-key@7", onnx.id());
    }

    @Test
    void toldApartByContentNotByExtension() throws IOException {
        Path disguised = dir.resolve("model.onnx");
        Files.write(disguised, utf8("\uFEFF \n\t" + ANONYMOUS));
        assertEquals(2, ModelLoader.load(disguised).graph().nodes().size(), "BOM and white space before '{': JSON");
        Path alsoDisguised = dir.resolve("model.json");
        Files.write(alsoDisguised, OnnxFixture.smallMlp().bytes());
        assertEquals(4, ModelLoader.load(alsoDisguised).graph().nodes().size());
    }

    @Test
    void refusesEmptyGarbageAndTruncatedBytes() throws IOException {
        assertEquals("empty model: 0 bytes",
                assertThrows(ModelFormatException.class, () -> ModelLoader.fromBytes(new byte[0], "m", null)).getMessage());
        assertEquals("empty model: 3 bytes of white space",
                assertThrows(ModelFormatException.class, () -> ModelLoader.fromBytes(utf8(" \n "), "m", null)).getMessage());
        byte[] garbage = new byte[300];
        new Random(3).nextBytes(garbage);
        garbage[0] = 0x13;
        String msg = assertThrows(ModelFormatException.class, () -> ModelLoader.fromBytes(garbage, "m", null)).getMessage();
        assertTrue(msg.startsWith("not a streamscore JSON model (no '{' at the start) and not a valid ONNX model: "), msg);
        byte[] onnx = OnnxFixture.smallMlp().bytes();
        byte[] cut = java.util.Arrays.copyOf(onnx, onnx.length - 10);
        msg = assertThrows(ModelFormatException.class, () -> ModelLoader.fromBytes(cut, "m", null)).getMessage();
        assertTrue(msg.startsWith("not a streamscore JSON model (no '{' at the start) and not a valid ONNX model: "), msg);
        String json = JsonModelFormatTest.SPEC_EXAMPLE;
        msg = assertThrows(ModelFormatException.class,
                () -> ModelLoader.fromBytes(utf8(json.substring(0, json.length() - 20)), "m", null)).getMessage();
        assertTrue(msg.startsWith("invalid JSON at line"), msg);

        Path file = dir.resolve("broken.json");
        Files.write(file, utf8("{\"format\": \"other\"}"));
        msg = assertThrows(ModelFormatException.class, () -> ModelLoader.load(file)).getMessage();
        assertEquals("unsupported format 'other'; this reader understands \"streamscore-model/1\"", msg);
        assertThrows(IllegalArgumentException.class, () -> ModelLoader.fromBytes(utf8(ANONYMOUS), "", null));
    }
}
