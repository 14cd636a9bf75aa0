package dev.streamscore.job.cli;

import dev.streamscore.job.options.Flags;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.plan.Plan;
import dev.streamscore.score.Classifier;
import java.io.PrintStream;

/**
 * {@code inspect --model FILE [--max-model-bytes N]}: the model as the engine compiles it: id, input and width, output
 * kind and classes, parameter count, and the executed nodes in execution order with output shapes.
 */
public final class InspectCommand implements Command {
    private static final Flags.Spec FLAGS = Flags.spec("inspect").required("model", "FILE").optional("max-model-bytes", "N");

    @Override
    public Flags.Spec flags() {
        return FLAGS;
    }

    @Override
    public int run(Flags flags, PrintStream out, PrintStream err) {
        LoadedModel model = ModelFiles.load(flags.required("model"), 1, ScoreCommand.maxModelBytes(flags));
        Classifier classifier = model.classifier();
        Plan plan = classifier.plan();
        out.print(ModelReport.format(classifier.model(), plan.order(), plan::width, classifier.outputKind()));
        return 0;
    }
}
