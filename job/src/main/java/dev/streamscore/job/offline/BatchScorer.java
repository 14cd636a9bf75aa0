package dev.streamscore.job.offline;

import dev.streamscore.score.Label;
import dev.streamscore.score.Score;
import java.util.List;

/** Scores one batch of rows in order; {@code Scorer::score} of the engine. */
@FunctionalInterface
public interface BatchScorer {
    /**
     * @param features rows of the model's input width
     * @param labels   one label or null per row
     * @return one score per row, in order
     */
    Score[] score(List<double[]> features, List<Label> labels);
}
