package dev.streamscore.score;

/**
 * A record's label: a class index, or a distribution over the classes (one-hot or soft).
 * Exactly one of the two is set.
 *
 * @param index        the class index, or -1 when {@code distribution} is set
 * @param distribution non-negative numbers summing to 1, one per class, or null
 */
public record Label(int index, double[] distribution) {
    public static Label ofIndex(int index) {
        return new Label(index, null);
    }

    public static Label ofDistribution(double[] distribution) {
        return new Label(-1, distribution);
    }

    public boolean isIndex() {
        return distribution == null;
    }
}
