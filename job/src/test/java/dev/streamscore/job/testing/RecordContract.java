package dev.streamscore.job.testing;

import java.util.List;
import java.util.Map;

/**
 * The contract's verdict on one record value, read from its {@link StrictJson} tree: the test
 * oracle the record parser is checked against. A value is a record when it is one JSON object in
 * strict UTF-8 (no NUL byte: RFC 8259 allows none outside escapes) whose {@code features} is an
 * array of exactly {@code width} finite numbers, whose {@code id} is absent, null, a string or a
 * number, and whose {@code label} is absent, null, a class index in {@code [0, classes)} (an
 * integral number) or an array of {@code classes} finite non-negative numbers whose sum, in
 * order, is within {@code 1e-9·classes} of 1. Any other field may hold any JSON value.
 */
public final class RecordContract {
    /** What the contract makes of a value. */
    public sealed interface Verdict {}

    /**
     * A record.
     *
     * @param features     the feature values
     * @param labelIndex   the class index, or -1
     * @param distribution the label distribution, or null
     * @param id           the id's text (a string's content or a number as written), or null when absent or null
     * @param numericId    whether the id is a JSON number
     */
    public record Valid(double[] features, int labelIndex, double[] distribution, String id, boolean numericId)
            implements Verdict {
        public boolean labelled() {
            return labelIndex >= 0 || distribution != null;
        }
    }

    /** Not a record, and why (for failure messages only: the parser words its own reasons). */
    public record Invalid(String why) implements Verdict {}

    private RecordContract() {}

    public static Verdict of(byte[] value, int width, int classes) {
        if (value == null) {
            return new Invalid("a tombstone");
        }
        for (byte b : value) {
            if (b == 0) {
                return new Invalid("a NUL byte");
            }
        }
        Object root;
        try {
            root = StrictJson.parse(value);
        } catch (StrictJson.NotJson e) {
            return new Invalid(e.getMessage());
        }
        if (!(root instanceof Map<?, ?> record)) {
            return new Invalid("not an object");
        }
        if (!(record.get("features") instanceof List<?> list) || list.size() != width) {
            return new Invalid("features: not an array of the width");
        }
        double[] features = new double[width];
        for (int i = 0; i < width; i++) {
            if (!(list.get(i) instanceof StrictJson.Num n) || !Double.isFinite(n.value())) {
                return new Invalid("features: not finite numbers");
            }
            features[i] = n.value();
        }
        Object id = record.get("id");
        String idText = null;
        boolean numeric = false;
        if (id instanceof String s) {
            idText = s;
        } else if (id instanceof StrictJson.Num n) {
            idText = n.text();
            numeric = true;
        } else if (id != null && id != StrictJson.NULL) {
            return new Invalid("id: neither a string nor a number");
        }
        Object label = record.get("label");
        int index = -1;
        double[] distribution = null;
        if (label instanceof StrictJson.Num n) {
            double x = n.value();
            if (!(x >= 0 && x < classes && x == Math.rint(x))) {
                return new Invalid("label: not a class index");
            }
            index = (int) x;
        } else if (label instanceof List<?> items) {
            distribution = distribution(items, classes);
            if (distribution == null) {
                return new Invalid("label: not a distribution");
            }
        } else if (label != null && label != StrictJson.NULL) {
            return new Invalid("label: neither an index nor a distribution");
        }
        return new Valid(features, index, distribution, idText, numeric);
    }

    private static double[] distribution(List<?> items, int classes) {
        double sum = 0;
        for (Object item : items) {
            if (!(item instanceof StrictJson.Num n) || !Double.isFinite(n.value()) || n.value() < 0) {
                return null;
            }
            sum += n.value();
        }
        if (items.size() != classes || Math.abs(sum - 1) > 1e-9 * classes) {
            return null;
        }
        double[] y = new double[classes];
        for (int i = 0; i < classes; i++) {
            y[i] = ((StrictJson.Num) items.get(i)).value();
        }
        return y;
    }
}
