package dev.streamscore.job.testing;

import dev.streamscore.graph.Graph;
import dev.streamscore.graph.MlpBuilder;
import dev.streamscore.job.pipeline.ModelSpec;
import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.records.RecordWriter;
import dev.streamscore.model.JsonModelFormat;
import dev.streamscore.model.Model;
import dev.streamscore.score.Label;
import dev.streamscore.score.Score;
import dev.streamscore.score.Scorer;
import java.util.ArrayList;
import java.util.List;

/** Small real models (streamscore JSON bytes) and the offline scores the job must reproduce. */
public final class TestModels {
    private TestModels() {}

    /** A softmax MLP of {@code width} inputs, one hidden layer of 8 and {@code classes} outputs, seeded. */
    public static ModelSpec mlp(String name, String version, int width, int classes, long seed) {
        Graph graph = new MlpBuilder().inputWidth(width).hidden(8).outputWidth(classes)
                .activation("tanh").head(MlpBuilder.Head.SOFTMAX).seed(seed).build();
        return new ModelSpec(name, version, JsonModelFormat.toBytes(new Model(name, version, graph)));
    }

    /** The output value of each record as the offline engine renders it: Scorer + RecordWriter. */
    public static List<byte[]> offlineScores(ModelSpec spec, List<InputRecord> records) {
        Model model = spec.load();
        Scorer scorer = Scorer.compile(model, Math.max(1, records.size()));
        List<double[]> features = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (InputRecord r : records) {
            features.add(r.features());
            labels.add(r.label());
        }
        Score[] scores = scorer.score(features, labels);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            out.add(RecordWriter.score(records.get(i).id(), model.id(), scores[i]));
        }
        return out;
    }
}
