package dev.streamscore.job.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.streamscore.score.Label;
import dev.streamscore.util.JsonErrors;
import java.io.IOException;
import java.io.Serializable;
import java.util.Objects;

/**
 * Parses one input value (UTF-8 JSON object) per the contract and its {@link RecordLayout}: the
 * features ({@code features} an array of exactly {@code inputWidth} finite numbers, or the named
 * fields, see {@link RecordLayout}), the id (an optional string or number) and the label (an
 * optional class index in {@code [0, classes)} or an array of {@code classes} non-negative numbers
 * summing to 1, within {@code 1e-9·classes}). Anything else becomes a {@link DeadLetter} whose
 * error names the field and the expected shape; other fields are ignored. Never throws on input.
 * One parser per thread: it reuses its buffers from record to record.
 */
public final class RecordParser implements Serializable {
    private static final long serialVersionUID = 2L;
    /**
     * Non-numeric tokens are read so that they can be named in the error, then refused; duplicate
     * names are refused by {@link FieldNames}.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    /** The most characters of Jackson's description of a syntax error a reason repeats. */
    private static final int MAX_SYNTAX_MESSAGE = 200;

    private final int inputWidth;
    private final int classes;
    private final long maxRecordBytes;
    private final RecordLayout layout;
    private transient FieldPaths paths;
    private transient FeatureCollector collector;
    private transient FieldNames names;

    /** A parser of the contract's layout without a size limit. @throws IllegalArgumentException when a width is below 1 */
    public RecordParser(int inputWidth, int classes) {
        this(inputWidth, classes, Long.MAX_VALUE, RecordLayout.DEFAULT);
    }

    /**
     * @param maxRecordBytes a larger value is a dead letter without being parsed
     * @param layout         where the features, label and id are
     * @throws IllegalArgumentException when a width or the limit is below 1
     */
    public RecordParser(int inputWidth, int classes, long maxRecordBytes, RecordLayout layout) {
        if (inputWidth < 1 || classes < 1 || maxRecordBytes < 1) {
            throw new IllegalArgumentException(String.format(
                    "inputWidth, classes and maxRecordBytes must be >= 1, got %d, %d and %d",
                    inputWidth, classes, maxRecordBytes));
        }
        this.inputWidth = inputWidth;
        this.classes = classes;
        this.maxRecordBytes = maxRecordBytes;
        this.layout = layout;
    }

    /**
     * @param value      the raw value; null (a Kafka tombstone) is a dead letter
     * @param fallbackId the id to use when the record has none (or {@code "id": null})
     * @param source     where the value came from, copied to a dead letter
     */
    public ParseResult parse(byte[] value, RecordId fallbackId, String source) {
        Objects.requireNonNull(fallbackId, "fallbackId");
        Objects.requireNonNull(source, "source");
        return parse(value, value == null ? 0 : value.length, RecordOrigin.of(fallbackId, source));
    }

    /**
     * @param value  the raw value, or its first bytes when it was too large to keep whole; null (a
     *               Kafka tombstone) is a dead letter
     * @param size   the size of the whole value (more than {@code value.length} when only its first
     *               bytes were kept: such a value is over the limit and a dead letter)
     * @param origin its fallback id and source, asked for only when needed
     */
    public ParseResult parse(byte[] value, long size, RecordOrigin origin) {
        if (value == null) {
            return new DeadLetter("value: null (a tombstone), expected a JSON object", origin.source(), new byte[0]);
        }
        if (size > maxRecordBytes || size > value.length) {
            return new DeadLetter(String.format("value: %d bytes, over the limit of %d (--max-record-bytes)",
                    size, maxRecordBytes), origin.source(), value, Math.max(size, value.length));
        }
        try {
            checkBytes(value);
            try (JsonParser p = JSON.createParser(value)) {
                try {
                    return read(p, origin);
                } catch (JsonProcessingException e) {
                    return new DeadLetter(syntaxError(e), origin.source(), value);
                }
            }
        } catch (Invalid e) {
            return new DeadLetter(e.getMessage(), origin.source(), value);
        } catch (IOException | RuntimeException e) {
            return new DeadLetter(String.format("value: cannot be read: %s", e), origin.source(), value);
        }
    }

    /**
     * Refuses invalid UTF-8 (the first invalid byte) and otherwise NUL bytes (the first), which would
     * make the tokenizer guess UTF-16 or UTF-32; one pass, with ASCII other than NUL the fast case.
     */
    private static void checkBytes(byte[] value) throws Invalid {
        int nul = -1;
        int i = 0;
        while (i < value.length) {
            byte c = value[i];
            if (c > 0) {
                i++;
            } else if (c == 0) {
                nul = nul < 0 ? i : nul;
                i++;
            } else {
                int len = Utf8.sequenceLength(value, i, value.length);
                if (len == 0) {
                    throw new Invalid("value: not valid UTF-8 (byte 0x%02x at offset %d)", value[i] & 0xff, i);
                }
                i += len;
            }
        }
        if (nul >= 0) {
            throw new Invalid("value: not JSON (NUL byte at offset %d)", nul);
        }
    }

    private InputRecord read(JsonParser p, RecordOrigin origin) throws IOException, Invalid {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new Invalid("value: empty, expected a JSON object");
        }
        if (t != JsonToken.START_OBJECT) {
            throw new Invalid("value: expected a JSON object, got %s", JsonValues.describe(p, t));
        }
        if (paths == null) {
            paths = new FieldPaths(layout);
            collector = new FeatureCollector(inputWidth, paths.features);
            names = new FieldNames();
        }
        collector.reset();
        names.reset();
        Fields found = new Fields();
        readObject(p, paths.root, found);
        JsonToken after = p.nextToken();
        if (after != null) {
            throw new Invalid("value: more content after the JSON object (%s)", JsonValues.describe(p, after));
        }
        double[] features = layout.named() ? collector.assemble() : found.features;
        if (features == null) {
            throw new Invalid("features: missing, expected an array of %d numbers", inputWidth);
        }
        return new InputRecord(found.id != null ? found.id : origin.fallbackId(), features, found.label);
    }

    /** What one record holds, as found. */
    private static final class Fields {
        RecordId id;
        Label label;
        double[] features;
    }

    /** Reads an object (the parser just past its START_OBJECT) whose fields {@code node}'s children name. */
    private void readObject(JsonParser p, FieldPaths.Node node, Fields found) throws IOException, Invalid {
        names.enter();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (!names.add(name)) {
                throw JsonValues.duplicate(p);
            }
            FieldPaths.Node field = node.child(name);
            JsonToken v = p.nextToken();
            if (field == null) {
                JsonValues.skip(p, v, names);
                continue;
            }
            switch (field.kind) {
                case OBJECT -> {
                    if (v != JsonToken.START_OBJECT) {
                        throw new Invalid("%s: expected an object holding %s, got %s", field.path, field.below(),
                                JsonValues.describe(p, v));
                    }
                    readObject(p, field, found);
                }
                case FEATURE -> collector.read(p, v, field.slot);
                case FEATURES_ARRAY -> found.features = features(p, v);
                case LABEL -> found.label = label(p, v, field.path);
                default -> found.id = id(p, v, field.path);
            }
        }
        names.exit();
    }

    private double[] features(JsonParser p, JsonToken v) throws IOException, Invalid {
        if (v != JsonToken.START_ARRAY) {
            throw new Invalid("features: expected an array of %d numbers, got %s", inputWidth, JsonValues.describe(p, v));
        }
        double[] features = new double[inputWidth];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            double x = finite(p, t, "a finite number");
            if (n < inputWidth) {
                features[n] = x;
            }
            n++;
        }
        if (n != inputWidth) {
            throw new Invalid("features: expected %d numbers, got %d", inputWidth, n);
        }
        return features;
    }

    private static RecordId id(JsonParser p, JsonToken v, String path) throws IOException, Invalid {
        return switch (v) {
            case VALUE_STRING -> RecordId.ofString(p.getText());
            case VALUE_NUMBER_INT -> RecordId.ofNumber(p.getText());
            case VALUE_NUMBER_FLOAT -> {
                if (p.isNaN()) {
                    throw new Invalid("%s: expected a string or a number, got %s", path, p.getText());
                }
                yield RecordId.ofNumber(p.getText());
            }
            case VALUE_NULL -> null;
            default -> throw new Invalid("%s: expected a string or a number, got %s", path, JsonValues.describe(p, v));
        };
    }

    private Label label(JsonParser p, JsonToken v, String path) throws IOException, Invalid {
        switch (v) {
            case VALUE_NULL:
                return null;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                double x = p.getDoubleValue();
                if (x >= 0 && x < classes && x == Math.rint(x)) {
                    return Label.ofIndex((int) x);
                }
                throw badLabel(path, JsonValues.describe(p, v));
            case START_ARRAY:
                return Label.ofDistribution(distribution(p, path));
            default:
                throw badLabel(path, JsonValues.describe(p, v));
        }
    }

    private double[] distribution(JsonParser p, String path) throws IOException, Invalid {
        double[] y = new double[classes];
        double sum = 0;
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            double x = finite(p, t, "a non-negative number");
            if (x < 0) {
                throw new Invalid("%s: expected a non-negative number, got %s",
                        JsonValues.where(p, JsonToken.VALUE_NUMBER_FLOAT), JsonValues.preview(p.getText()));
            }
            if (n < classes) {
                y[n] = x;
            }
            sum += x;
            n++;
        }
        if (n != classes) {
            throw badLabel(path, String.format("an array of %d numbers", n));
        }
        if (Math.abs(sum - 1) > 1e-9 * classes) {
            throw badLabel(path, String.format("an array summing to %s", sum));
        }
        return y;
    }

    /** The current token as a finite double, or an error naming the element and {@code expected}. */
    static double finite(JsonParser p, JsonToken t, String expected) throws IOException, Invalid {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            double x = p.getDoubleValue();
            if (Double.isFinite(x)) {
                return x;
            }
        }
        throw new Invalid("%s: expected %s, got %s", JsonValues.where(p, t), expected, JsonValues.describe(p, t));
    }

    private Invalid badLabel(String path, String got) {
        return new Invalid("%s: expected a class index in [0, %d) or an array of %d non-negative numbers summing to 1, got %s",
                path, classes, classes, got);
    }

    /**
     * E.g. {@code invalid JSON at column 25: Unexpected character ('x' (code 120)): expected a JSON
     * value}, Jackson's words cut to {@value #MAX_SYNTAX_MESSAGE} characters and escaped
     * ({@link JsonValues#printable}).
     */
    private static String syntaxError(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : at.getLineNr() > 1
                ? String.format(" at line %d, column %d", at.getLineNr(), at.getColumnNr())
                : String.format(" at column %d", at.getColumnNr());
        return String.format("invalid JSON%s: %s", where, JsonValues.printable(JsonErrors.message(e), MAX_SYNTAX_MESSAGE));
    }
}
