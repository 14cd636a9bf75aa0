package dev.streamscore.sql.provider;

import static dev.streamscore.sql.provider.Models.DIGITS_ONNX;
import static dev.streamscore.sql.provider.Models.digits;
import static dev.streamscore.sql.provider.Models.pixels;
import static dev.streamscore.sql.provider.Models.pixelsAnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the provider accepts and refuses when a statement is planned: the options, the INPUT and
 * OUTPUT columns against the model. Every refusal names the column (or option), what it must be,
 * and the choices.
 */
class StreamscoreModelProviderFactoryTest {
    private static final List<Column> PROBABILITIES = List.of(Column.physical("probabilities", DataTypes.ARRAY(DataTypes.DOUBLE())));

    /** The factory's own message: the cause of Flink's "Unable to create a model provider" wrapper. */
    private static String refusal(List<Column> input, List<Column> output, Map<String, String> options) {
        ValidationException e = assertThrows(ValidationException.class, () -> Models.provider(input, output, options));
        assertEquals("Unable to create a model provider for model 'default_catalog.default_database.m'.",
                e.getMessage().lines().findFirst().orElseThrow());
        Throwable cause = e.getCause();
        return cause.getMessage();
    }

    @Test
    void bindsEveryOutputAndTheLabel() {
        List<Column> outputs = List.of(
                Column.physical("model", DataTypes.STRING()),
                Column.physical("loss", DataTypes.DOUBLE()),
                Column.physical("predicted", DataTypes.INT()),
                Column.physical("logits", DataTypes.ARRAY(DataTypes.DOUBLE().notNull())),
                Column.physical("log_probabilities", DataTypes.ARRAY(DataTypes.DOUBLE())),
                Column.physical("probabilities", DataTypes.ARRAY(DataTypes.DOUBLE())));
        StreamscorePredictProvider provider = assertInstanceOf(StreamscorePredictProvider.class, Models.provider(
                pixelsAnd(Column.physical("label", DataTypes.BIGINT())), outputs, digits(DIGITS_ONNX, "label")));
        ModelBinding b = provider.binding();
        assertEquals(List.of(OutputColumn.MODEL, OutputColumn.LOSS, OutputColumn.PREDICTED, OutputColumn.LOGITS,
                OutputColumn.LOG_PROBABILITIES, OutputColumn.PROBABILITIES), List.of(b.outputs()));
        assertEquals("digits@70636ad3aead", b.modelId());
        assertEquals("70636ad3aead", b.contentDigest());
        assertEquals(64, b.input().features().size());
        assertEquals("label", b.input().label().name());
        assertEquals(64, b.input().label().position());
        assertTrue(b.path().startsWith("file:/"), b.path());
        assertTrue(b.path().endsWith("/demo/digits.onnx"), b.path());
        assertEquals(provider.binding(), ((StreamscorePredictProvider) provider.copy()).binding());
    }

    @Test
    void nameAndVersionOptionsOverrideTheModels() {
        Map<String, String> options = new HashMap<>(digits(DIGITS_ONNX, null));
        options.put("name", "fraud");
        options.put("version", "v7");
        ModelBinding b = ((StreamscorePredictProvider) Models.provider(pixels(), PROBABILITIES, options)).binding();
        assertEquals("fraud@v7", b.modelId());
        assertEquals("70636ad3aead", b.contentDigest());
    }

    @Test
    void arraysAndScalarsOfEveryNumericTypeMakeTheFeatures() {
        List<Column> input = List.of(
                Column.physical("a", DataTypes.TINYINT()), Column.physical("b", DataTypes.SMALLINT()),
                Column.physical("c", DataTypes.INT()), Column.physical("d", DataTypes.BIGINT()),
                Column.physical("e", DataTypes.FLOAT()), Column.physical("f", DataTypes.DECIMAL(10, 3)),
                Column.physical("rest", DataTypes.ARRAY(DataTypes.DOUBLE())),
                Column.physical("more", DataTypes.ARRAY(DataTypes.FLOAT())));
        InputLayout layout = ((StreamscorePredictProvider) Models.provider(input, PROBABILITIES, digits(DIGITS_ONNX, null)))
                .binding().input();
        assertEquals(8, layout.features().size());
        assertTrue(layout.hasArrays());
        assertEquals(3, layout.features().get(5).scale());
    }

    @Test
    void refusesOutputsThatAreNotAStreamscoreOutput() {
        String choices = "probabilities ARRAY<DOUBLE>, predicted INT, loss DOUBLE, model STRING, "
                + "log_probabilities ARRAY<DOUBLE>, logits ARRAY<DOUBLE>";
        assertEquals(String.format("OUTPUT column 'score' is not an output of a streamscore model; choose from %s", choices),
                refusal(pixels(), List.of(Column.physical("score", DataTypes.DOUBLE())), digits(DIGITS_ONNX, null)));
        assertEquals(String.format("OUTPUT column 'Predicted' is not an output of a streamscore model; choose from %s", choices),
                refusal(pixels(), List.of(Column.physical("Predicted", DataTypes.INT())), digits(DIGITS_ONNX, null)));
    }

    @Test
    void refusesOutputsOfTheWrongType() {
        assertEquals("OUTPUT column 'predicted' is declared BIGINT; it must be INT",
                refusal(pixels(), List.of(Column.physical("predicted", DataTypes.BIGINT())), digits(DIGITS_ONNX, null)));
        assertEquals("OUTPUT column 'probabilities' is declared ARRAY<FLOAT>; it must be ARRAY<DOUBLE>",
                refusal(pixels(), List.of(Column.physical("probabilities", DataTypes.ARRAY(DataTypes.FLOAT()))),
                        digits(DIGITS_ONNX, null)));
        assertEquals("OUTPUT column 'model' is declared VARCHAR(20); it must be STRING",
                refusal(pixels(), List.of(Column.physical("model", DataTypes.VARCHAR(20))), digits(DIGITS_ONNX, null)));
        assertEquals("OUTPUT column 'predicted' is declared NOT NULL, but it is NULL for a row that cannot be scored; "
                        + "declare it INT",
                refusal(pixels(), List.of(Column.physical("predicted", DataTypes.INT().notNull())), digits(DIGITS_ONNX, null)));
        assertEquals("OUTPUT column 'model' is declared NOT NULL, but it is NULL for a row that cannot be scored; "
                        + "declare it STRING",
                refusal(pixels(), List.of(Column.physical("model", DataTypes.STRING().notNull())), digits(DIGITS_ONNX, null)));
    }

    @Test
    void refusesLossWithoutALabelColumn() {
        assertEquals("OUTPUT column 'loss' needs the option 'label-column' (the INPUT column that holds the label)",
                refusal(pixels(), List.of(Column.physical("loss", DataTypes.DOUBLE())), digits(DIGITS_ONNX, null)));
    }

    @Test
    void refusesABadLabelColumn() {
        assertEquals("option 'label-column' = 'y' names no INPUT column; the INPUT columns are [p0, p1, p2, p3, p4, p5, "
                        + "p6, p7, p8, p9, p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p20, p21, p22, p23, p24, p25, "
                        + "p26, p27, p28, p29, p30, p31, p32, p33, p34, p35, p36, p37, p38, p39, p40, p41, p42, p43, p44, "
                        + "p45, p46, p47, p48, p49, p50, p51, p52, p53, p54, p55, p56, p57, p58, p59, p60, p61, p62, p63, label]",
                refusal(pixelsAnd(Column.physical("label", DataTypes.INT())), PROBABILITIES, digits(DIGITS_ONNX, "y")));
        assertEquals("INPUT column 'label' (the label column) is declared DOUBLE; it must be TINYINT, SMALLINT, INT or "
                        + "BIGINT (a class index) or ARRAY<DOUBLE> or ARRAY<FLOAT> (class weights)",
                refusal(pixelsAnd(Column.physical("label", DataTypes.DOUBLE())), PROBABILITIES, digits(DIGITS_ONNX, "label")));
    }

    @Test
    void refusesFeatureColumnsThatAreNotNumbers() {
        List<Column> input = pixels();
        input.set(3, Column.physical("p3", DataTypes.STRING()));
        assertEquals("INPUT column 'p3' is declared STRING; a feature column must be TINYINT, SMALLINT, INT, BIGINT, "
                        + "FLOAT, DOUBLE, DECIMAL, ARRAY<DOUBLE> or ARRAY<FLOAT>",
                refusal(input, PROBABILITIES, digits(DIGITS_ONNX, null)));
        input.set(3, Column.physical("p3", DataTypes.ARRAY(DataTypes.INT())));
        assertEquals("INPUT column 'p3' is declared ARRAY<INT>; a feature column must be TINYINT, SMALLINT, INT, BIGINT, "
                        + "FLOAT, DOUBLE, DECIMAL, ARRAY<DOUBLE> or ARRAY<FLOAT>",
                refusal(input, PROBABILITIES, digits(DIGITS_ONNX, null)));
    }

    @Test
    void refusesWidthsThatCannotFit() {
        List<Column> input = new ArrayList<>(pixels().subList(0, 3));
        assertEquals("the INPUT feature columns [p0, p1, p2] give 3 features; model digits@70636ad3aead takes 64 "
                        + "(one per numeric column, the elements of ARRAY<DOUBLE> and ARRAY<FLOAT> columns)",
                refusal(input, PROBABILITIES, digits(DIGITS_ONNX, null)));
        List<Column> tooMany = pixelsAnd(Column.physical("p64", DataTypes.DOUBLE()), Column.physical("rest", DataTypes.ARRAY(DataTypes.DOUBLE())));
        assertTrue(refusal(tooMany, PROBABILITIES, digits(DIGITS_ONNX, null)).endsWith(
                "p62, p63, p64, rest] give 65 features; model digits@70636ad3aead takes 64 in all, arrays included"));
        assertEquals("the INPUT has no feature columns; model digits@70636ad3aead takes 64 features (columns of type "
                        + "TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL, ARRAY<DOUBLE> or ARRAY<FLOAT>)",
                refusal(List.of(Column.physical("label", DataTypes.INT())), PROBABILITIES, digits(DIGITS_ONNX, "label")));
    }

    @Test
    void refusesModelsThatDoNotLoad(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.onnx");
        String message = refusal(pixels(), PROBABILITIES, digits(missing, null));
        assertTrue(message.startsWith(String.format("cannot read the model file 'path' = '%s': ", missing)), message);
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"not\": \"a model\"}", StandardCharsets.UTF_8);
        message = refusal(pixels(), PROBABILITIES, digits(bad, null));
        assertTrue(message.startsWith(String.format(
                "the model file 'path' = '%s' is not a model streamscore can score: ", bad)), message);
        assertTrue(refusal(pixels(), PROBABILITIES, digits(dir, null)).endsWith("is a directory, not a model file"));
    }

    @Test
    void refusesUnknownAndMissingOptions() {
        Map<String, String> options = new HashMap<>(digits(DIGITS_ONNX, null));
        options.put("label-col", "label");
        ValidationException e = assertThrows(ValidationException.class, () -> Models.provider(pixels(), PROBABILITIES, options));
        String all = String.format("%s %s", e.getMessage(), e.getCause().getMessage());
        assertTrue(all.contains("Unsupported options") && all.contains("label-col") && all.contains("label-column"), all);
        e = assertThrows(ValidationException.class,
                () -> Models.provider(pixels(), PROBABILITIES, Map.of("provider", "streamscore")));
        assertTrue(e.getCause().getMessage().contains("Missing required options are:\n\npath"), e.getCause().getMessage());
    }
}
