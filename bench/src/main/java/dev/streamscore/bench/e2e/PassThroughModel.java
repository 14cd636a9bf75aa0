package dev.streamscore.bench.e2e;

import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.serving.ModelBytes;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The pass-through job's model: the cheapest model the job accepts for the digits records (64
 * inputs, 10 classes), one linear layer {@code y = x·Wᵀ} (streamscore JSON, no bias, no activation:
 * the job applies its stable softmax to the logits). 640 multiply-adds per record against the
 * digits model's 6,464 plus standardisation, ReLUs and softmax, so the pass-through job does
 * everything the scoring job does (Kafka I/O, parsing, validation, batching, classification,
 * output writing, transactions) but a real forward pass.
 */
final class PassThroughModel {
    static final String NAME = "passthrough-64-10";
    static final String VERSION = "linear";
    static final int INPUTS = 64;
    static final int CLASSES = 10;

    private PassThroughModel() {}

    /** {@code W[j][i] = ((7j + 3i) mod 13 − 6) / 1000}: small fixed weights, so the logits stay near 0. */
    static String json() {
        StringJoiner rows = new StringJoiner(", ", "[", "]");
        for (int j = 0; j < CLASSES; j++) {
            StringJoiner row = new StringJoiner(", ", "[", "]");
            for (int i = 0; i < INPUTS; i++) {
                row.add(String.format(Locale.ROOT, "%.3f", ((7 * j + 3 * i) % 13 - 6) / 1000.0));
            }
            rows.add(row.toString());
        }
        return String.format("{\"format\": \"streamscore-model/1\", \"name\": \"%s\", \"version\": \"%s\", \"output\": 1,"
                + " \"nodes\": [{\"id\": 0, \"op\": \"input\", \"name\": \"features\", \"width\": %d},"
                + " {\"id\": 1, \"op\": \"linear\", \"inputs\": [0], \"weight\": %s}]}", NAME, VERSION, INPUTS, rows);
    }

    /** Parsed and compiled as {@code run} checks a model file (for one row; each subtask compiles its own). */
    static LoadedModel load() {
        return LoadedModel.load(new ModelBytes(NAME, VERSION, json().getBytes(StandardCharsets.UTF_8)), 1);
    }
}
