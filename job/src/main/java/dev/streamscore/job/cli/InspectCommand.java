package dev.streamscore.job.cli;

import dev.streamscore.model.Model;
import dev.streamscore.plan.CompiledGraph;
import dev.streamscore.score.Scorer;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code inspect --model FILE}: the model as the engine compiles it: id, input and width, output
 * kind and classes, parameter count, and the executed nodes in execution order with output shapes.
 */
public final class InspectCommand implements Command {
    private static final Flags.Spec FLAGS = Flags.spec().value("model");

    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String usage() {
        return "inspect --model FILE";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Flags flags = FLAGS.parse(args);
        if (flags.help()) {
            out.printf("usage: ./streamscore %s%n", usage());
            return 0;
        }
        Model model = ModelFiles.load(flags.required("model"));
        Scorer scorer = ModelFiles.compile(model, 1);
        CompiledGraph plan = scorer.plan();
        out.print(ModelReport.format(model, plan.order(), plan::width, scorer.outputKind()));
        return 0;
    }
}
