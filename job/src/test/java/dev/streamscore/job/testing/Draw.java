package dev.streamscore.job.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What the fuzz generators draw from a seeded {@link RandomGenerator}: a choice by weight, an
 * element, a whole number in a range, a list, a string. Everything a case holds is drawn from the
 * one generator its seed made (see {@link FuzzCases}), so the seed alone makes the case again.
 */
public final class Draw {
    private Draw() {}

    /** An index in {@code [0, weights.length)}, each with the probability of its weight. */
    public static int weighted(RandomGenerator r, int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable: the weights sum to more than the draw");
    }

    /** A whole number in {@code [min, max]}, each equally likely. */
    public static int between(RandomGenerator r, int min, int max) {
        return r.nextInt(min, max + 1);
    }

    @SafeVarargs
    public static <T> T pick(RandomGenerator r, T... choices) {
        return choices[r.nextInt(choices.length)];
    }

    public static <T> T pick(RandomGenerator r, List<T> choices) {
        return choices.get(r.nextInt(choices.size()));
    }

    public static int pickInt(RandomGenerator r, int... choices) {
        return choices[r.nextInt(choices.length)];
    }

    /** A list of {@code min} to {@code max} elements (each length equally likely), each drawn by {@code element}. */
    public static <T> List<T> list(RandomGenerator r, int min, int max, Function<RandomGenerator, T> element) {
        int n = between(r, min, max);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.apply(r));
        }
        return out;
    }

    /** A string of up to {@code maxLength} characters (each length equally likely) taken from {@code chars}. */
    public static String string(RandomGenerator r, String chars, int maxLength) {
        int n = between(r, 0, maxLength);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(chars.charAt(r.nextInt(chars.length())));
        }
        return s.toString();
    }

    /** A string of up to {@code maxLength} UTF-16 units, any of them (lone surrogates and controls included). */
    public static String anyChars(RandomGenerator r, int maxLength) {
        int n = between(r, 0, maxLength);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) r.nextInt(0x10000));
        }
        return s.toString();
    }

    /** Up to {@code maxLength} random bytes. */
    public static byte[] bytes(RandomGenerator r, int maxLength) {
        byte[] b = new byte[between(r, 0, maxLength)];
        r.nextBytes(b);
        return b;
    }
}
