package dev.streamscore.sql.testing;

import dev.streamscore.job.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;

/** The output of {@code ./streamscore score} (the job module's command line, run in this JVM), by record id. */
public final class OfflineScores {
    private OfflineScores() {}

    /**
     * Scores a JSON-lines file of {@code {"id", "features", "label"}} records.
     *
     * @return each output record by its id (as text), in input order
     */
    public static Map<String, JsonNode> score(Path model, Path input, Path workDir) throws IOException {
        Path output = workDir.resolve("score-output.jsonl");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(List.of("score", "--model", model.toString(), "--input", input.toString(),
                    "--output", output.toString()), o, e);
        }
        if (status != 0) {
            throw new IllegalStateException(String.format("score exited %d: %s", status, err.toString(StandardCharsets.UTF_8)));
        }
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            JsonNode record = Json.parse(line);
            byId.put(record.get("id").asText(), record);
        }
        return byId;
    }
}
