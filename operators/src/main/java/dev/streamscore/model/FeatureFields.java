package dev.streamscore.model;

import dev.streamscore.util.Excerpt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of the feature field names a model may carry (the JSON format's top-level
 * {@code "features"}, ONNX {@code metadata_props} key {@value #ONNX_KEY}): each a top-level name or
 * a dotted path into nested objects ({@code merchant.risk}), none repeated.
 */
public final class FeatureFields {
    /** The ONNX {@code metadata_props} key that lists the feature fields, comma-separated. */
    public static final String ONNX_KEY = "streamscore.features";
    private static final Pattern SEGMENT = Pattern.compile("[^.\\s]+");

    private FeatureFields() {}

    /**
     * {@code fields}, checked.
     *
     * @param where what the names are, for the message, e.g. {@code features} or {@code metadata_props 'streamscore.features'}
     * @throws ModelFormatException naming the bad entry (a long name cut, {@link Excerpt#text(String)})
     */
    public static List<String> check(List<String> fields, String where) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i);
            if (!isPath(f)) {
                throw new ModelFormatException(String.format(
                        "%s[%d]: '%s' is not a field name or a dotted path such as merchant.risk", where, i,
                        Excerpt.text(f)));
            }
            if (!seen.add(f)) {
                throw new ModelFormatException(String.format("%s[%d]: '%s' is named twice", where, i, Excerpt.text(f)));
            }
        }
        return List.copyOf(fields);
    }

    /** The fields of the ONNX metadata value: comma-separated, white space around each name ignored. */
    public static List<String> ofOnnx(String value) {
        List<String> fields = new ArrayList<>();
        for (String f : value.split(",", -1)) {
            fields.add(f.strip());
        }
        return check(fields, String.format("metadata_props '%s'", ONNX_KEY));
    }

    /** True for a name or dotted path of non-empty segments without white space. */
    public static boolean isPath(String f) {
        if (f == null || f.isEmpty()) {
            return false;
        }
        for (String segment : f.split("\\.", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }
}
