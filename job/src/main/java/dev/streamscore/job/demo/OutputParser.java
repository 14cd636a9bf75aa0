package dev.streamscore.job.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads the fields the demo needs from the job's output records (contract formats): a score's
 * {@code model}, {@code predicted} and {@code loss}, a dead letter's {@code error}, and the
 * evaluation records of {@code --eval-topic}.
 */
final class OutputParser {
    private static final JsonFactory JSON = new JsonFactory();

    private OutputParser() {}

    /** The parts of a score the demo uses; {@code loss} is NaN when the record had none. */
    record ScoreFields(String model, int predicted, double loss) {}

    /** @throws IOException when the value is not a score record */
    static ScoreFields score(byte[] value) throws IOException {
        String model = null;
        int predicted = -1;
        double loss = Double.NaN;
        try (JsonParser p = object(value)) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "model" -> model = p.getValueAsString();
                    case "predicted" -> predicted = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
                    case "loss" -> loss = t.isNumeric() ? p.getDoubleValue() : Double.NaN;
                    default -> p.skipChildren();
                }
            }
        }
        if (model == null || predicted < 0) {
            throw new IOException("not a score record: no model or predicted class");
        }
        return new ScoreFields(model, predicted, loss);
    }

    /**
     * An evaluation record ({@code model}, {@code role}, {@code subtask}, {@code window}, {@code count},
     * {@code mean_loss}, {@code accuracy}, {@code timestamp}); a null figure is read as NaN.
     * @throws IOException when the value is not an evaluation record
     */
    static JobEvaluations.Evaluation evaluation(byte[] value) throws IOException {
        String model = null;
        String role = null;
        long subtask = -1;
        long window = -1;
        long count = -1;
        long timestamp = -1;
        double meanLoss = Double.NaN;
        double accuracy = Double.NaN;
        try (JsonParser p = object(value)) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "model" -> model = p.getValueAsString();
                    case "role" -> role = p.getValueAsString();
                    case "subtask" -> subtask = integer(p, t);
                    case "window" -> window = integer(p, t);
                    case "count" -> count = integer(p, t);
                    case "timestamp" -> timestamp = integer(p, t);
                    case "mean_loss" -> meanLoss = t.isNumeric() ? p.getDoubleValue() : Double.NaN;
                    case "accuracy" -> accuracy = t.isNumeric() ? p.getDoubleValue() : Double.NaN;
                    default -> p.skipChildren();
                }
            }
        }
        if (model == null || role == null || subtask < 0 || window < 1 || count < 0 || timestamp < 0
                || subtask > Integer.MAX_VALUE || window > Integer.MAX_VALUE || count > window) {
            throw new IOException(String.format(
                    "not an evaluation record: needs model, role, subtask >= 0, window >= 1, count in [0, window], timestamp;"
                            + " got model %s, role %s, subtask %d, window %d, count %d, timestamp %d",
                    model, role, subtask, window, count, timestamp));
        }
        return new JobEvaluations.Evaluation(model, role, (int) subtask, (int) window, (int) count,
                meanLoss, accuracy, timestamp);
    }

    /** The {@code error} of a dead letter. @throws IOException when the value is not a dead letter */
    static String deadLetterError(byte[] value) throws IOException {
        try (JsonParser p = object(value)) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("error")) {
                    String error = p.getValueAsString();
                    if (error != null) {
                        return error;
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        throw new IOException("not a dead-letter record: no error");
    }

    private static long integer(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
    }

    private static JsonParser object(byte[] value) throws IOException {
        if (value == null) {
            throw new IOException("no value");
        }
        JsonParser p = JSON.createParser(value);
        if (p.nextToken() != JsonToken.START_OBJECT) {
            p.close();
            throw new IOException("not a JSON object");
        }
        return p;
    }
}
