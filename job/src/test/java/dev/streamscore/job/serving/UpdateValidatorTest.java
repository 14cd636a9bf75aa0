package dev.streamscore.job.serving;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.streamscore.job.records.RecordLayout;
import dev.streamscore.job.security.ModelSigningKey;
import dev.streamscore.job.testing.TestData;
import dev.streamscore.job.testing.TestModels;
import dev.streamscore.model.FeatureFields;
import dev.streamscore.model.JsonModelFormat;
import dev.streamscore.model.Model;
import dev.streamscore.model.ModelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Model updates for a job scoring the digits data (64 inputs, 10 classes). */
class UpdateValidatorTest {
    private static final UpdateValidator VALIDATOR = new UpdateValidator(64, 10, RecordLayout.DEFAULT, 8, 1 << 20, null);
    private static final ModelBytes DIGITS = TestModels.digitsJson();
    private static final ModelBytes V2 = TestModels.perturbed(DIGITS, "digits", "v2", 0.2, 7);

    private static UpdateDecision decide(String key, byte[] value, String version, String role) {
        return VALIDATOR.decide(TestModels.update(key, value, version, role, 3));
    }

    private static ModelBytes installed(UpdateDecision d, Role role) {
        UpdateDecision.Install install = assertInstanceOf(UpdateDecision.Install.class, d);
        assertEquals(role, install.role());
        assertEquals(8, install.model().classifier().maxBatch(), "compiled for the job's batches, once");
        return install.model().bytes();
    }

    @Test
    void theKeyNamesTheModelAndTheHeaderVersionWins() {
        ModelBytes m = installed(decide("fraud", V2.bytes(), "v7", null), Role.PRIMARY);
        assertEquals("fraud@v7", m.id(), "key over the JSON's name, header over the JSON's version");
        assertTrue(Arrays.equals(V2.bytes(), m.bytes()));
    }

    @Test
    void withoutAHeaderTheModelsOwnVersionElseTheContentHash() throws IOException {
        assertEquals("digits@v2", installed(decide("digits", V2.bytes(), null, "primary"), Role.PRIMARY).id());
        assertEquals("digits@v2", installed(decide("digits", V2.bytes(), " ", null), Role.PRIMARY).id(), "blank header");
        byte[] onnx = Files.readAllBytes(TestData.DIGITS_MODEL);
        assertEquals(String.format("digits@%s", ModelLoader.contentVersion(onnx)),
                installed(decide("digits", onnx, null, null), Role.PRIMARY).id());
        assertEquals(String.format("digits@%s", ModelLoader.contentVersion(DIGITS.bytes())),
                installed(decide("digits", DIGITS.bytes(), null, null), Role.PRIMARY).id(), "JSON without a version");
    }

    @Test
    void roleHeaderSelectsTheShadow() {
        assertEquals("cand@v2", installed(decide("cand", V2.bytes(), null, "shadow"), Role.SHADOW).id());
        assertEquals("cand@v2", installed(decide("cand", V2.bytes(), null, " primary "), Role.PRIMARY).id());
    }

    @Test
    void aShadowTombstoneRemovesTheShadow() {
        assertInstanceOf(UpdateDecision.RemoveShadow.class, decide("cand", null, null, "shadow"));
        assertInstanceOf(UpdateDecision.RemoveShadow.class, decide("cand", new byte[0], null, "shadow"));
    }

    static Stream<Arguments> refused() throws IOException {
        byte[] json = DIGITS.bytes();
        byte[] onnx = Files.readAllBytes(TestData.DIGITS_MODEL);
        return Stream.of(
                Arguments.of("garbage", "not a model".getBytes(UTF_8), "does not load: not a streamscore JSON model"),
                Arguments.of("truncated JSON", Arrays.copyOf(json, json.length / 2), "does not load: "),
                Arguments.of("truncated ONNX", Arrays.copyOf(onnx, onnx.length / 2), "does not load: "),
                Arguments.of("unsupported operator", TestModels.digitsOnnxWithOperator("Relu", "Elu"), "does not load: "),
                Arguments.of("other width", TestModels.mlp("m", "1", 5, 10, 1).bytes(),
                        "input width: the model takes 5 inputs, the job scores records of 64"),
                Arguments.of("other classes", TestModels.mlp("m", "1", 64, 3, 1).bytes(),
                        "classes: the model has 3 classes, the job validates labels for 10"),
                Arguments.of("NaN weight", TestModels.digitsOnnxWithNaN(), "parameters: node linear#"),
                Arguments.of("overflowing forward pass", TestModels.overflowing(64, 10),
                        "a forward pass on a row of zeros is not finite: probabilities [NaN"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void badModelsAreRefusedWithTheReason(String what, byte[] value, String reason) {
        UpdateDecision.Refuse r = assertInstanceOf(UpdateDecision.Refuse.class, decide("digits", value, "v9", null));
        assertTrue(r.reason().startsWith(reason), () -> String.format("%s: expected '%s...', got '%s'", what, reason, r.reason()));
        assertEquals("digits", r.name());
        assertEquals("v9", r.version());
        assertEquals(Role.PRIMARY, r.role());
    }

    @Test
    void refusalNamesTheOperatorOfAnUnsupportedNode() {
        UpdateDecision.Refuse r = (UpdateDecision.Refuse) decide("digits", TestModels.digitsOnnxWithOperator("Relu", "Elu"), null, null);
        assertTrue(r.reason().contains("Elu"), r.reason());
        assertNull(r.version(), "no header and the model did not load: version unknown");
    }

    @Test
    void refusalOfAModelThatLoadedNamesItsVersion() {
        UpdateDecision.Refuse r = (UpdateDecision.Refuse) decide("digits", TestModels.mlp("m", "m1", 5, 10, 1).bytes(), null, null);
        assertEquals("m1", r.version());
    }

    @Test
    void badKeysRolesAndEmptyPrimaries() {
        UpdateDecision.Refuse noKey = (UpdateDecision.Refuse) decide(null, V2.bytes(), "v2", null);
        assertEquals("key: expected the model name (non-blank UTF-8), got no key", noKey.reason());
        assertNull(noKey.name());
        UpdateDecision.Refuse blank = (UpdateDecision.Refuse) decide("  ", V2.bytes(), null, null);
        assertTrue(blank.reason().startsWith("key: "), blank.reason());
        UpdateDecision.Refuse binary = (UpdateDecision.Refuse) VALIDATOR.decide(new ModelUpdate(
                new byte[] {(byte) 0xc3, 0x28}, V2.bytes(), null, null, null, "models", 0, 1, 0));
        assertEquals("key: expected the model name (non-blank UTF-8), got other bytes", binary.reason());
        UpdateDecision.Refuse role = (UpdateDecision.Refuse) decide("digits", V2.bytes(), null, "canary");
        assertEquals("header role: expected primary or shadow, got 'canary'", role.reason());
        assertNull(role.role());
        UpdateDecision.Refuse empty = (UpdateDecision.Refuse) decide("digits", null, null, null);
        assertEquals("value: empty; a primary model cannot be removed, only replaced", empty.reason());
    }

    @Test
    void everyValidatorTakesTheSameDecision() {
        byte[] nan = TestModels.digitsOnnxWithNaN();
        assertEquals(decide("digits", nan, null, null),
                new UpdateValidator(64, 10, RecordLayout.DEFAULT, 8, 1 << 20, null).decide(TestModels.update("digits", nan, null, null, 3)));
        assertEquals(decide("digits", V2.bytes(), null, null),
                new UpdateValidator(64, 10, RecordLayout.DEFAULT, 8, 1 << 20, null).decide(TestModels.update("digits", V2.bytes(), null, null, 3)));
    }

    @Test
    void aModelNamingOtherFeatureFieldsIsRefusedAndTheSameFieldsInstall() {
        Model digits = ModelLoader.fromBytes(V2.bytes(), "digits", null);
        List<String> pixels = IntStream.range(0, 64).mapToObj(i -> "pixels.p" + i).toList();
        byte[] naming = JsonModelFormat.toBytes(new Model("digits", "named", digits.graph(), pixels));
        UpdateDecision.Refuse refused = assertInstanceOf(UpdateDecision.Refuse.class, decide("digits", naming, null, null));
        assertTrue(refused.reason().startsWith("features: the model reads [pixels.p0, pixels.p1, "), refused.reason());
        assertTrue(refused.reason().endsWith("the job reads the 'features' array"), refused.reason());

        RecordLayout named = new RecordLayout(pixels, "label", "id");
        UpdateValidator job = new UpdateValidator(64, 10, named, 8, 1 << 20, null);
        assertEquals("digits@named", installed(job.decide(TestModels.update("digits", naming, null, null, 3)), Role.PRIMARY).id());
        assertEquals("digits@v2", installed(job.decide(TestModels.update("digits", V2.bytes(), null, null, 3)), Role.PRIMARY).id(),
                "a model naming no fields fits any layout of its width");
        List<String> reversed = new ArrayList<>(pixels);
        Collections.reverse(reversed);
        byte[] otherOrder = JsonModelFormat.toBytes(new Model("digits", "reversed", digits.graph(), reversed));
        assertInstanceOf(UpdateDecision.Refuse.class, job.decide(TestModels.update("digits", otherOrder, null, "shadow", 3)));
    }

    /**
     * An ONNX update naming a feature field of 100,000 characters (metadata_props
     * streamscore.features) and one holding a line separator: a reason of one short line
     * that still names both sides.
     */
    @Test
    void aHugeFeatureFieldNameGivesAShortOneLineReason() throws IOException {
        String huge = "f".repeat(100_000);
        byte[] onnx = ModelProto.parseFrom(Files.readAllBytes(TestData.DIGITS_MODEL)).toBuilder()
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey(FeatureFields.ONNX_KEY)
                        .setValue(String.format("%s,line\u2028break", huge)))
                .build().toByteArray();
        UpdateDecision.Refuse refused = assertInstanceOf(UpdateDecision.Refuse.class, decide("digits", onnx, null, null));
        assertEquals(String.format("features: the model reads [%s... (99,920 more characters), line break], the job reads the"
                + " 'features' array", "f".repeat(80)), refused.reason());
    }

    @Test
    void constructorChecksItsArguments() {
        assertThrows(IllegalArgumentException.class, () -> new UpdateValidator(0, 10, RecordLayout.DEFAULT, 8, 1 << 20, null));
        assertThrows(IllegalArgumentException.class, () -> new UpdateValidator(64, 10, RecordLayout.DEFAULT, 0, 1 << 20, null));
    }

    /** With a signing key, an update (a removal too) takes over only with the right signature header; nothing else is looked at first. */
    @Test
    void withASigningKeyOnlySignedUpdatesTakeOver(@TempDir Path tmp) throws IOException {
        Path keyFile = Files.writeString(tmp.resolve("k"), "a signing key of thirty-two bytes or more");
        ModelSigningKey key = ModelSigningKey.load("--model-signing-key", keyFile);
        UpdateValidator signed = new UpdateValidator(64, 10, RecordLayout.DEFAULT, 8, 1 << 20, key);
        byte[] sig = key.sign(V2.bytes()).getBytes(UTF_8);
        assertEquals("digits@v2", installed(signed.decide(update("digits", V2.bytes(), sig, null)), Role.PRIMARY).id());
        UpdateDecision.Refuse unsigned = assertInstanceOf(UpdateDecision.Refuse.class,
                signed.decide(update("digits", V2.bytes(), null, null)));
        assertTrue(unsigned.reason().startsWith("unsigned: no 'signature' header"), unsigned.reason());
        UpdateDecision.Refuse wrong = assertInstanceOf(UpdateDecision.Refuse.class,
                signed.decide(update("digits", "not a model".getBytes(UTF_8), sig, null)));
        assertEquals("signature does not match the value (HMAC-SHA256 with the --model-signing-key)", wrong.reason(),
                "refused as unauthenticated, before it is parsed");
        assertInstanceOf(UpdateDecision.Refuse.class, signed.decide(update("cand", null, null, "shadow")),
                "a removal needs a signature too");
        assertInstanceOf(UpdateDecision.RemoveShadow.class,
                signed.decide(update("cand", null, key.sign(new byte[0]).getBytes(UTF_8), "shadow")));
    }

    private static ModelUpdate update(String key, byte[] value, byte[] signature, String role) {
        return new ModelUpdate(key.getBytes(UTF_8), value, null, role, signature, "models", 0, 9, 9);
    }

    @Test
    void aModelOverTheSizeLimitIsRefusedUnread() {
        UpdateDecision.Refuse r = assertInstanceOf(UpdateDecision.Refuse.class,
                new UpdateValidator(64, 10, RecordLayout.DEFAULT, 8, 100, null).decide(TestModels.update("digits", V2.bytes(), null, null, 3)));
        assertEquals(String.format("value: %d bytes, over the limit of 100 (--max-model-bytes)", V2.bytes().length), r.reason());
    }

    /**
     * Found by ModelFuzzTest: a refusal quoted what the update holds whole (a 200,000-character role
     * header, a 100,000-character tensor name), into the log and the model dead-letter topic; now
     * one line of at most 1,000 characters and a count of the rest.
     */
    @Test
    void aRefusalIsOneLineOfBoundedLength() {
        String header = "r".repeat(200_000).concat("\nshadow");
        UpdateDecision.Refuse role = assertInstanceOf(UpdateDecision.Refuse.class, decide("digits", V2.bytes(), null, header));
        int whole = String.format("header role: expected primary or shadow, got '%s'", header).length();
        assertTrue(role.reason().startsWith("header role: expected primary or shadow, got 'rrr"), role.reason());
        assertTrue(role.reason().endsWith(String.format(Locale.ROOT, "... (%,d more characters)", whole - 1000)), role.reason());
        assertTrue(role.reason().length() < 1100 && !role.reason().contains("\n"));
        UpdateDecision.Refuse made = new UpdateDecision.Refuse("a\nb", null, null, null);
        assertEquals("a b", made.reason());
    }
}
