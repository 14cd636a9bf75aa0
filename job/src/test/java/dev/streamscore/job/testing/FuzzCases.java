package dev.streamscore.job.testing;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Runs a fuzz suite's cases with plain JUnit: case {@code i} is drawn from a
 * {@link SplittableRandom} seeded with its own seed, the {@code i}-th number of a generator seeded
 * with the suite's base seed, then checked. A failing case stops the suite with an
 * {@link AssertionError} that gives its number and seed, a short excerpt of its input, the
 * original failure (as message and cause) and the command that runs that case alone.
 *
 * <p>System properties (Maven passes {@code -D} options to the test JVM):
 * <ul>
 *   <li>{@value #SEED}: run only the case of this seed (as a failure printed it);</li>
 *   <li>{@value #CASES}: run this many cases instead of the suite's count (a quick look, or a long hunt);</li>
 *   <li>{@value #BASE}: another base seed, for other cases than the fixed ones.</li>
 * </ul>
 */
public final class FuzzCases {
    public static final String SEED = "fuzz.seed";
    public static final String CASES = "fuzz.cases";
    public static final String BASE = "fuzz.base";
    /** The most characters of an input a failure report shows. */
    private static final int EXCERPT = 600;

    /** The check of one case; anything it throws fails the case. */
    @FunctionalInterface
    public interface Check<T> {
        void check(T input) throws Exception;
    }

    private FuzzCases() {}

    /**
     * Draws and checks the suite's cases.
     *
     * @param suite    the test class, for the replay command
     * @param baseSeed the suite's fixed base seed
     * @param cases    how many cases
     * @param draw     makes a case's input from its generator
     * @param describe a case's input for a failure report (cut to {@value #EXCERPT} characters)
     * @param check    the assertions on one input
     * @return the number of cases run
     */
    public static <T> int run(Class<?> suite, long baseSeed, int cases, Function<RandomGenerator, T> draw,
                              Function<T, String> describe, Check<T> check) {
        String only = System.getProperty(SEED);
        return run(suite, Long.getLong(BASE, baseSeed), Integer.getInteger(CASES, cases),
                only == null || only.isBlank() ? null : Long.parseLong(only.strip()), draw, describe, check);
    }

    /**
     * {@link #run(Class, long, int, Function, Function, Check)} with the system properties read:
     * {@code n} cases from the base seed {@code base}, or, when {@code only} is not null, the one
     * case of that seed.
     */
    static <T> int run(Class<?> suite, long base, int n, Long only, Function<RandomGenerator, T> draw,
                       Function<T, String> describe, Check<T> check) {
        if (only != null) {
            runCase(suite, -1, only, draw, describe, check);
            return 1;
        }
        SplittableRandom seeds = new SplittableRandom(base);
        for (int i = 0; i < n; i++) {
            runCase(suite, i, seeds.nextLong(), draw, describe, check);
        }
        return n;
    }

    private static <T> void runCase(Class<?> suite, int index, long seed, Function<RandomGenerator, T> draw,
                                    Function<T, String> describe, Check<T> check) {
        T input = null;
        try {
            input = draw.apply(new SplittableRandom(seed));
            check.check(input);
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError v && !(e instanceof OutOfMemoryError)) {
                throw v;
            }
            String excerpt = input == null ? "(failed while drawing the input)" : excerpt(describe.apply(input));
            throw new AssertionError(String.format("%s, seed %d, failed: %s%n  input: %s%n  alone: mvn -B -o -pl operators,job"
                            + " test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=%s -D%s=%d",
                    index < 0 ? "the case" : String.format("case %d", index), seed, e, excerpt, suite.getSimpleName(), SEED,
                    seed), e);
        }
    }

    private static String excerpt(String s) {
        return s.length() <= EXCERPT ? s : String.format("%s... (%d characters)", s.substring(0, EXCERPT), s.length());
    }
}
