package dev.streamscore.util;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one place where enum constants become the lower-case names users type and read
 * ({@code LOG_SOFTMAX} as {@code log_softmax} in a model file, {@code EXACTLY_ONCE} as
 * {@code exactly-once} on the command line), and back. Callers word their own error messages;
 * {@link #list} gives them the valid names.
 */
public final class EnumNames {
    private EnumNames() {}

    /** {@code e}'s name in lower case, with {@code '_'} replaced by {@code separator}. */
    public static String of(Enum<?> e, char separator) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', separator);
    }

    /**
     * The constant whose {@link #of name} is exactly {@code name}, or null when there is none.
     */
    public static <E extends Enum<E>> E find(E[] values, String name, char separator) {
        if (name == null) {
            return null;
        }
        for (E e : values) {
            if (of(e, separator).equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The names of {@code values} for a message: {@code a, b or c} with {@code lastJoin} "or". */
    public static String list(Enum<?>[] values, char separator, String lastJoin) {
        String[] names = Arrays.stream(values).map(e -> of(e, separator)).toArray(String[]::new);
        if (names.length < 2 || lastJoin == null) {
            return String.join(", ", names);
        }
        String head = Arrays.stream(names, 0, names.length - 1).collect(Collectors.joining(", "));
        return String.format("%s %s %s", head, lastJoin, names[names.length - 1]);
    }
}
