package dev.streamscore.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExcerptTest {
    @Test
    void shortTextsAndListsAreUnchanged() {
        assertEquals("abc", Excerpt.text("abc", 3));
        assertNull(Excerpt.text(null, 3));
        assertEquals("[1, 2, 3]", Excerpt.list(List.of(1, 2, 3)));
        assertEquals("a -> b", Excerpt.join(List.of("a", "b"), " -> ", 2));
        assertEquals("", Excerpt.join(List.of(), ", ", 3));
    }

    @Test
    void longTextsKeepTheirStartAndSayHowMuchIsLeftOut() {
        assertEquals("abc... (3 more characters)", Excerpt.text("abcdef", 3));
        assertEquals("x".repeat(80) + "... (1,920 more characters)", Excerpt.text("x".repeat(2000)));
        // a surrogate pair is not split
        assertEquals("a... (2 more characters)", Excerpt.text("a\uD83D\uDE00", 2));
    }

    @Test
    void longListsKeepTheirStartAndEndAndCountTheRest() {
        List<Integer> ids = IntStream.range(0, 100_000).boxed().toList();
        assertEquals("[0, 1, 2, 3, 4, 5, 6, 7, 8, ... (99,990 more), 99999]", Excerpt.list(ids));
        assertEquals("0 -> 1 -> ... (99,997 more) -> 99999", Excerpt.join(ids, " -> ", 3));
        assertEquals("#0, ... (1 more), #2", Excerpt.join(List.of(0, 1, 2), i -> String.format("#%d", i), ", ", 2));
    }

    @Test
    void oneLineMessages() {
        assertEquals("a b c d", Excerpt.oneLine("a\nb\r\nc\rd"));
        assertEquals("a b c d", Excerpt.oneLine("a\u2028b\u2029c\u0085d"));
        assertEquals(Excerpt.MESSAGE + "... (5 more characters)".length(), Excerpt.oneLine("y".repeat(Excerpt.MESSAGE + 5)).length());
    }
}
