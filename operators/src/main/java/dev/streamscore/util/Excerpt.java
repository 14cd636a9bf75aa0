package dev.streamscore.util;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Texts and lists cut short for one-line messages, saying how much was left out, so that no name,
 * value or list taken from a file can make an error message long (a 100,000-node cycle, a 100 MB
 * field name). Nothing here changes a short text or list.
 */
public final class Excerpt {
    /** The most characters of a name or value quoted in a message. */
    public static final int TEXT = 80;
    /** The most items of a list named in a message. */
    public static final int ITEMS = 10;
    /** The most characters of a whole message. */
    public static final int MESSAGE = 1_000;

    private Excerpt() {}

    /** {@code text}, or its first {@code max} characters and {@code ... (N more characters)}. */
    public static String text(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int keep = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return String.format(Locale.ROOT, "%s... (%,d more characters)", text.substring(0, keep), text.length() - keep);
    }

    /** {@link #text(String, int)} with at most {@link #TEXT} characters. */
    public static String text(String text) {
        return text(text, TEXT);
    }

    /**
     * The items joined with {@code separator}; more than {@code max} items are shown as the first
     * {@code max - 1}, {@code ... (N more)}, and the last one (which shows how the list ends,
     * e.g. where a cycle closes).
     */
    public static String join(Collection<?> items, String separator, int max) {
        return join(items, String::valueOf, separator, max);
    }

    /** {@link #join(Collection, String, int)} with each item shown by {@code show}, called only for the items shown. */
    public static <T> String join(Collection<T> items, Function<? super T, String> show, String separator, int max) {
        List<String> shown = new ArrayList<>(Math.min(items.size(), max + 1));
        int i = 0;
        T last = null;
        for (T item : items) {
            if (i < max - 1 || items.size() <= max) {
                shown.add(text(show.apply(item)));
            }
            last = item;
            i++;
        }
        if (items.size() > max) {
            shown.add(String.format(Locale.ROOT, "... (%,d more)", items.size() - max));
            shown.add(text(show.apply(last)));
        }
        return String.join(separator, shown);
    }

    /** {@code [a, b, c]} like {@link List#toString()}, with at most {@link #ITEMS} items shown (see {@link #join}). */
    public static String list(Collection<?> items) {
        return String.format("[%s]", join(items, ", ", ITEMS));
    }

    /**
     * A message on one line of at most {@link #MESSAGE} characters: line breaks (CR, LF, CRLF, and
     * U+0085, U+2028 and U+2029, which some readers also break lines at) become spaces.
     */
    public static String oneLine(String message) {
        if (message == null) {
            return null;
        }
        return text(message.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ')
                .replace('\u0085', ' ').replace('\u2028', ' ').replace('\u2029', ' '), MESSAGE);
    }
}
