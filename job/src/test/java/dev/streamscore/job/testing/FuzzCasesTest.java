package dev.streamscore.job.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The fuzz suites' driver: fixed cases from a base seed, a failure that names its case's seed, and that seed making the case again. */
class FuzzCasesTest {
    private static final Function<RandomGenerator, String> DRAW = r -> Draw.string(r, "abcxyz", 12);

    @Test
    void theSameBaseSeedGivesTheSameCases() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        assertEquals(50, FuzzCases.run(FuzzCasesTest.class, 7L, 50, null, DRAW, s -> s, first::add));
        assertEquals(50, FuzzCases.run(FuzzCasesTest.class, 7L, 50, null, DRAW, s -> s, second::add));
        assertEquals(first, second);
        List<String> other = new ArrayList<>();
        FuzzCases.run(FuzzCasesTest.class, 8L, 50, null, DRAW, s -> s, other::add);
        assertTrue(!first.equals(other), "another base seed, other cases");
    }

    @Test
    void aFailureNamesItsCaseAndSeedAndTheSeedAloneMakesTheCaseAgain() {
        List<String> seen = new ArrayList<>();
        AssertionError e = assertThrows(AssertionError.class, () -> FuzzCases.run(FuzzCasesTest.class, 7L, 1000, null, DRAW,
                s -> String.format("<%s>", s), s -> {
                    seen.add(s);
                    if (seen.size() == 37) {
                        fail("the 37th case");
                    }
                }));
        Matcher m = Pattern.compile("^case 36, seed (-?[0-9]+), failed: .*the 37th case").matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        long seed = Long.parseLong(m.group(1));
        String input = seen.get(36);
        assertEquals(input, DRAW.apply(new SplittableRandom(seed)), "the seed draws the same input");
        assertTrue(e.getMessage().contains(String.format("input: <%s>", input)), e.getMessage());
        assertTrue(e.getMessage().contains(String.format("-Dtest=FuzzCasesTest -Dfuzz.seed=%d", seed)), e.getMessage());
        assertInstanceOf(AssertionError.class, e.getCause(), "the original failure, as the cause");

        List<String> alone = new ArrayList<>();
        assertEquals(1, FuzzCases.run(FuzzCasesTest.class, 7L, 1000, seed, DRAW, s -> s, alone::add));
        assertEquals(List.of(input), alone);
    }

    /** An exception (not only a failed assertion) fails the case the same way; a long input is shown cut. */
    @Test
    void anEscapingExceptionIsReportedWithAnExcerptOfTheInput() {
        AssertionError e = assertThrows(AssertionError.class, () -> FuzzCases.run(FuzzCasesTest.class, 7L, 10, null,
                r -> "x".repeat(5000), s -> s, s -> {
                    throw new IllegalStateException("boom");
                }));
        assertTrue(e.getMessage().startsWith("case 0, seed "), e.getMessage());
        assertTrue(e.getMessage().contains("failed: java.lang.IllegalStateException: boom"), e.getMessage());
        assertTrue(e.getMessage().contains(String.format("input: %s... (5000 characters)", "x".repeat(600))), e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }
}
