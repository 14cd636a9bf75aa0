package dev.streamscore.job.records;

import dev.streamscore.model.FeatureFields;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a record's features, label and id are in its JSON object. By default (no feature fields)
 * the contract's {@code features} array holds exactly the model's input width of numbers; with
 * feature fields, the features are built from those fields, in that order: each a top-level name
 * or a dotted path into nested objects ({@code merchant.risk}) whose value is a finite number (one
 * feature) or an array of finite numbers (its elements, in order). The label and the id are
 * fields too ({@code label} and {@code id} unless set), also dotted paths.
 *
 * @param featureFields the fields the features come from, in order; empty for the {@code features} array
 * @param labelField    the path of the label
 * @param idField       the path of the id
 */
public record RecordLayout(List<String> featureFields, String labelField, String idField) implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The contract's layout: {@code features}, {@code label}, {@code id}. */
    public static final RecordLayout DEFAULT = new RecordLayout(List.of(), "label", "id");
    /** The field of the features array when no feature fields are named. */
    public static final String FEATURES_ARRAY = "features";

    /** @throws IllegalArgumentException naming a path that is not one, or two paths that clash */
    public RecordLayout {
        featureFields = List.copyOf(featureFields);
        Objects.requireNonNull(labelField, "labelField");
        Objects.requireNonNull(idField, "idField");
        List<String> all = new ArrayList<>(featureFields.isEmpty() ? List.of(FEATURES_ARRAY) : featureFields);
        all.add(labelField);
        all.add(idField);
        for (int i = 0; i < all.size(); i++) {
            if (!FeatureFields.isPath(all.get(i))) {
                throw new IllegalArgumentException(String.format(
                        "'%s' is not a field name or a dotted path such as merchant.risk", all.get(i)));
            }
            for (int j = 0; j < i; j++) {
                if (clash(all.get(i), all.get(j))) {
                    throw new IllegalArgumentException(String.format(
                            "fields '%s' and '%s' clash: one value cannot be both", all.get(j), all.get(i)));
                }
            }
        }
    }

    /** True when the features come from named fields rather than the {@code features} array. */
    public boolean named() {
        return !featureFields.isEmpty();
    }

    /**
     * The layout a command uses, told at start: {@code --features} when given (the same fields, in
     * the same order, as the model's when the model names any), else the model's fields, else the
     * {@code features} array.
     *
     * @param flagged    the {@code --features} fields, or null when not given
     * @param modelNames the fields the model names (empty when none)
     * @param inputWidth the model's input width: more fields than that cannot fit (each gives at least one number)
     * @throws IllegalArgumentException a usage error, naming the difference or both numbers
     */
    public static RecordLayout choose(List<String> flagged, String labelField, String idField, List<String> modelNames,
                                      int inputWidth) {
        List<String> fields = flagged != null ? flagged : modelNames;
        if (flagged != null && !modelNames.isEmpty() && !flagged.equals(modelNames)) {
            throw new IllegalArgumentException(String.format("--features differs from the fields the model names: %s",
                    difference(flagged, modelNames)));
        }
        if (fields.size() > inputWidth) {
            throw new IllegalArgumentException(String.format(
                    "--features: %d fields, but the model takes %d inputs (each field gives at least one number)",
                    fields.size(), inputWidth));
        }
        return new RecordLayout(fields, labelField, idField);
    }

    /**
     * A note for a layout with fewer named fields than the model's inputs: legal, since a field may
     * hold an array, but if every field is a single number each record becomes a dead letter, so
     * the user is told at start rather than by the first dead letter.
     *
     * @return the note, or empty when the fields are not fewer than the inputs
     */
    public Optional<String> shortfall(int inputWidth) {
        if (!named() || featureFields.size() >= inputWidth) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                "--features: %d fields for a model of %d inputs: arrays among them must give the other %d numbers,"
                        + " else each record is a dead letter", featureFields.size(), inputWidth,
                inputWidth - featureFields.size()));
    }

    /**
     * The fields of a {@code --features} value: comma-separated, white space around each ignored.
     *
     * @throws IllegalArgumentException naming an empty entry
     */
    public static List<String> fields(String flagValue) {
        List<String> fields = new ArrayList<>();
        for (String f : flagValue.split(",", -1)) {
            String field = f.strip();
            if (field.isEmpty()) {
                throw new IllegalArgumentException(String.format(
                        "--features: expected FIELD[,FIELD...], got '%s' (an empty field)", flagValue));
            }
            fields.add(field);
        }
        return fields;
    }

    /** What tells {@code flagged} from {@code model}: fields only one of them has, else the order. */
    static String difference(List<String> flagged, List<String> model) {
        List<String> extra = new ArrayList<>(flagged);
        extra.removeAll(model);
        List<String> missing = new ArrayList<>(model);
        missing.removeAll(flagged);
        List<String> parts = new ArrayList<>();
        if (!extra.isEmpty()) {
            parts.add(String.format("not in the model: %s", String.join(", ", extra)));
        }
        if (!missing.isEmpty()) {
            parts.add(String.format("missing: %s", String.join(", ", missing)));
        }
        if (parts.isEmpty()) {
            parts.add(String.format("the same fields in another order (the model's: %s)", String.join(", ", model)));
        }
        return String.join("; ", parts);
    }

    /** True when one path is the other or leads into it ({@code a} and {@code a.b}). */
    private static boolean clash(String a, String b) {
        return a.equals(b) || a.startsWith(b + ".") || b.startsWith(a + ".");
    }
}
