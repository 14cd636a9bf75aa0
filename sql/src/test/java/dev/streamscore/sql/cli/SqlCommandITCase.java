package dev.streamscore.sql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.sql.testing.Json;
import dev.streamscore.sql.testing.OfflineScores;
import dev.streamscore.sql.testing.SqlRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamscore sql} end to end in a local Flink environment, run from the repository root
 * (the failsafe working directory) as a user would.
 */
class SqlCommandITCase {
    /** The bundled example: every digit scored from its named pixel fields with the bits of {@code score}. */
    @Test
    void digitsSqlScoresTheDemoDataLikeScore(@TempDir Path dir) throws Exception {
        SqlRun run = SqlRun.of("--file", "demo/digits.sql");
        assertEquals(0, run.status(), run.err());
        Map<String, JsonNode> expected = OfflineScores.score(Path.of("demo/digits.onnx"), Path.of("demo/digits.jsonl"), dir);
        List<String> lines = run.outLines();
        assertEquals(1797, lines.size());
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            JsonNode sql = Json.parse(line);
            String id = sql.get("id").asText();
            assertTrue(ids.add(id), id);
            JsonNode score = expected.get(id);
            assertEquals(score.get("predicted").asInt(), sql.get("predicted").asInt(), id);
            assertEquals(Double.doubleToLongBits(score.get("loss").asDouble()), Double.doubleToLongBits(sql.get("loss").asDouble()), id);
            for (int j = 0; j < 10; j++) {
                assertEquals(Double.doubleToLongBits(score.get("probabilities").get(j).asDouble()),
                        Double.doubleToLongBits(sql.get("probabilities").get(j).asDouble()), id);
            }
            assertEquals("digits@70636ad3aead", sql.get("model").asText());
            assertEquals(List.of("id", "label", "predicted", "loss", "probabilities", "model"), fieldNames(sql));
        }
    }

    private static List<String> fieldNames(JsonNode record) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * A model whose columns do not fit is refused when the statement that uses it is planned: exit 1,
     * the statement's line, Flink's wrapper and the provider's reason on one line; nothing runs.
     */
    @Test
    void aRefusedModelExitsOneWithTheStatementsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("refused.sql");
        Files.writeString(file, String.join("\n",
                "CREATE TABLE t (id INT, x ARRAY<DOUBLE>) WITH ('connector' = 'datagen', 'number-of-rows' = '3');",
                "CREATE MODEL m INPUT (x ARRAY<DOUBLE>) OUTPUT (probabilities ARRAY<DOUBLE>, loss DOUBLE)",
                "  WITH ('provider' = 'streamscore', 'path' = 'demo/digits.onnx');",
                "",
                "SELECT id, loss FROM ML_PREDICT(TABLE t, MODEL m, DESCRIPTOR(x));",
                ""), StandardCharsets.UTF_8);
        SqlRun run = SqlRun.of("--file", file.toString());
        assertEquals(1, run.status());
        assertEquals("", run.out());
        assertEquals(String.format("streamscore sql: %s:5: Unable to create a model provider for model "
                + "'default_catalog.default_database.m': OUTPUT column 'loss' needs the option 'label-column' "
                + "(the INPUT column that holds the label)%n", file), run.err());
    }

    /**
     * Rows that cannot be scored (here: 65 numbers for a model of 64, a NaN) come out with NULL
     * outputs and do not stop the query; an INSERT runs until its bounded job has finished.
     */
    @Test
    void invalidRowsGiveNullsAndInsertsRunToTheEnd(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        String x63 = String.format("ARRAY[%s1.0]", "1.0, ".repeat(62));
        String x64 = String.format("ARRAY[%s1.0]", "1.0, ".repeat(63));
        Path file = dir.resolve("rows.sql");
        Files.writeString(file, String.join("\n",
                "CREATE TEMPORARY VIEW v AS SELECT id, CAST(x AS ARRAY<DOUBLE>) AS x, CAST(y AS DOUBLE) AS y FROM (VALUES",
                String.format("  (1, %s, '1.0'), (2, %s, '1.0'), (3, %s, 'NaN')) AS r(id, x, y);", x63, x64, x63),
                "CREATE MODEL m INPUT (x ARRAY<DOUBLE>, y DOUBLE) OUTPUT (predicted INT, model STRING)",
                "  WITH ('provider' = 'streamscore', 'path' = 'demo/digits.onnx', 'name' = 'digits', 'version' = 'v1');",
                "CREATE TABLE sink (id INT, predicted INT, model STRING)",
                String.format("  WITH ('connector' = 'filesystem', 'path' = '%s', 'format' = 'json');", out.toUri()),
                "SELECT id, predicted, model FROM ML_PREDICT(TABLE v, MODEL m, DESCRIPTOR(x, y));",
                "INSERT INTO sink SELECT id, predicted, model FROM ML_PREDICT(TABLE v, MODEL m, DESCRIPTOR(x, y));",
                ""), StandardCharsets.UTF_8);
        SqlRun run = SqlRun.of("--file", file.toString(), "--parallelism", "1");
        assertEquals(0, run.status(), run.err());
        assertEquals(3, run.outLines().size(), run.out());
        Set<String> lines = new HashSet<>(run.outLines());
        assertTrue(lines.contains("{\"id\":2,\"predicted\":null,\"model\":null}"), run.out());
        assertTrue(lines.contains("{\"id\":3,\"predicted\":null,\"model\":null}"), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\{\"id\":1,\"predicted\":[0-9],\"model\":\"digits@v1\"}")), run.out());
        assertTrue(run.err().contains(String.format("%s:8: job ", file)) && run.err().contains(" finished"), run.err());
        List<String> written = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path p : files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                written.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
            }
        }
        assertEquals(lines, new HashSet<>(written));
    }

    /** The csv and avro formats and the filesystem connector are on the command's class path. */
    @Test
    void csvAndAvroTablesWork(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("formats.sql");
        Files.writeString(file, String.join("\n",
                "CREATE TABLE src (id STRING, features ARRAY<DOUBLE>, label INT)",
                "  WITH ('connector' = 'filesystem', 'path' = 'demo/digits.jsonl', 'format' = 'json');",
                String.format("CREATE TABLE csv_t (id STRING, x DOUBLE, label INT) WITH ('connector' = 'filesystem', "
                        + "'path' = '%s', 'format' = 'csv');", dir.resolve("csv").toUri()),
                String.format("CREATE TABLE avro_t (id STRING, features ARRAY<DOUBLE>, label INT) WITH ('connector' = 'filesystem', "
                        + "'path' = '%s', 'format' = 'avro');", dir.resolve("avro").toUri()),
                "INSERT INTO csv_t SELECT id, features[3], label FROM src;",
                "INSERT INTO avro_t SELECT id, features, label FROM src;",
                "CREATE MODEL m INPUT (features ARRAY<DOUBLE>) OUTPUT (predicted INT)",
                "  WITH ('provider' = 'streamscore', 'path' = 'demo/digits.onnx');",
                "SELECT id, x, label FROM csv_t WHERE id = 'digits-5';",
                "SELECT id, label, predicted FROM ML_PREDICT(TABLE avro_t, MODEL m, DESCRIPTOR(features)) WHERE id = 'digits-5';",
                ""), StandardCharsets.UTF_8);
        SqlRun run = SqlRun.of("--file", file.toString(), "--parallelism", "1");
        assertEquals(0, run.status(), run.err());
        assertEquals(List.of("{\"id\":\"digits-5\",\"x\":12.0,\"label\":5}", "{\"id\":\"digits-5\",\"label\":5,\"predicted\":5}"),
                run.outLines());
    }
}
