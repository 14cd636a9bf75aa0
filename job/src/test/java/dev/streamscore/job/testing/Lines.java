package dev.streamscore.job.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

/** Compares sorted output lines with a readable first difference instead of two huge lists. */
public final class Lines {
    private Lines() {}

    public static void assertSame(List<String> expected, List<String> actual, String what) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                fail(String.format("%s: first difference at sorted line %d of %d/%d:%n expected %s%n   actual %s",
                        what, i, expected.size(), actual.size(), expected.get(i), actual.get(i)));
            }
        }
        assertEquals(expected.size(), actual.size(), String.format("%s: number of records", what));
    }
}
