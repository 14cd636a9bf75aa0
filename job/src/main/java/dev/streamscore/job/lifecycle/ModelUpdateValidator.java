package dev.streamscore.job.lifecycle;

import dev.streamscore.graph.Node;
import dev.streamscore.job.pipeline.ModelSpec;
import dev.streamscore.model.Model;
import dev.streamscore.model.ModelLoader;
import dev.streamscore.score.Label;
import dev.streamscore.score.Score;
import dev.streamscore.score.Scorer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a model update may take over, before it does. Deterministic: the same update
 * gives the same decision on every subtask. The checks, in order:
 * <ol>
 *   <li>the {@code role} header is absent, {@code primary} or {@code shadow};</li>
 *   <li>the key is a model name (non-blank UTF-8): it becomes the served model's name;</li>
 *   <li>the value is a model (a null or empty value only removes the shadow);</li>
 *   <li>it parses (ONNX or streamscore JSON) and compiles;</li>
 *   <li>its input width and class count are the job's (what the parser validates records for);</li>
 *   <li>every parameter is finite, and a forward pass on a row of zeros gives finite probabilities
 *       and a finite loss.</li>
 * </ol>
 * The version is the {@code version} header, else the JSON model's own, else the first 12 hex
 * digits of the SHA-256 of the bytes ({@link ModelLoader#contentVersion}).
 */
public final class ModelUpdateValidator {
    private final int inputWidth;
    private final int classes;

    /** Checks updates for a job scoring records of {@code inputWidth} features into {@code classes} classes. */
    public ModelUpdateValidator(int inputWidth, int classes) {
        if (inputWidth < 1 || classes < 1) {
            throw new IllegalArgumentException(String.format(
                    "inputWidth and classes must be >= 1, got %d and %d", inputWidth, classes));
        }
        this.inputWidth = inputWidth;
        this.classes = classes;
    }

    /** The decision on {@code update}. Never throws on bad input: a bad update is a {@link UpdateDecision.Refuse}. */
    public UpdateDecision decide(ModelUpdate update) {
        String version = update.version() == null || update.version().isBlank() ? null : update.version().strip();
        Role role;
        try {
            role = Role.ofHeader(update.role());
        } catch (IllegalArgumentException e) {
            return new UpdateDecision.Refuse(e.getMessage(), name(update.key()), version, null);
        }
        String name = name(update.key());
        if (name == null) {
            return new UpdateDecision.Refuse(String.format("key: expected the model name (non-blank UTF-8), got %s",
                    update.key() == null ? "no key" : "other bytes"), null, version, role);
        }
        if (update.value() == null || update.value().length == 0) {
            return role == Role.SHADOW
                    ? new UpdateDecision.RemoveShadow()
                    : new UpdateDecision.Refuse("value: empty; a primary model cannot be removed, only replaced",
                    name, version, role);
        }
        Model parsed;
        try {
            parsed = ModelLoader.fromBytes(update.value(), name, version);
        } catch (RuntimeException e) {
            return new UpdateDecision.Refuse(String.format("does not load: %s", e.getMessage()), name, version, role);
        }
        Model model = new Model(name, parsed.version(), parsed.graph());
        Optional<String> problem = check(model);
        if (problem.isPresent()) {
            return new UpdateDecision.Refuse(problem.get(), name, model.version(), role);
        }
        return new UpdateDecision.Install(role, new ModelSpec(name, model.version(), update.value()));
    }

    /**
     * Checks a parsed model against the job (steps 4 to 6 of the class comment).
     *
     * @return the reason it cannot serve, or empty when it can
     */
    public Optional<String> check(Model model) {
        Scorer scorer;
        try {
            scorer = Scorer.compile(model, 1);
        } catch (RuntimeException e) {
            return Optional.of(String.format("does not compile: %s", e.getMessage()));
        }
        if (scorer.inputWidth() != inputWidth) {
            return Optional.of(String.format("input width: the model takes %d inputs, the job scores records of %d",
                    scorer.inputWidth(), inputWidth));
        }
        if (scorer.classes() != classes) {
            return Optional.of(String.format("classes: the model has %d classes, the job validates labels for %d",
                    scorer.classes(), classes));
        }
        Optional<String> parameter = nonFiniteParameter(model);
        if (parameter.isPresent()) {
            return parameter;
        }
        Score s = scorer.score(List.of(new double[inputWidth]), List.of(Label.ofIndex(0)))[0];
        if (!Arrays.stream(s.probabilities()).allMatch(Double::isFinite) || !Double.isFinite(s.loss())) {
            return Optional.of(String.format("a forward pass on a row of zeros is not finite: probabilities %s, loss %s",
                    Arrays.toString(s.probabilities()), s.loss()));
        }
        return Optional.empty();
    }

    /** The first parameter (weight, bias, constant, slope) that is NaN or infinite, in node order. */
    private static Optional<String> nonFiniteParameter(Model model) {
        for (Node n : model.graph().nodes()) {
            if (n.weight() != null) {
                int cols = n.weight().numCols;
                for (int i = 0; i < n.weight().getNumElements(); i++) {
                    if (!Double.isFinite(n.weight().data[i])) {
                        return Optional.of(String.format("parameters: node %s: weight (%d, %d) is %s",
                                n, i / cols, i % cols, n.weight().data[i]));
                    }
                }
            }
            for (String field : List.of("bias", "constant")) {
                double[] values = field.equals("bias") ? n.bias() : n.constant();
                for (int i = 0; values != null && i < values.length; i++) {
                    if (!Double.isFinite(values[i])) {
                        return Optional.of(String.format("parameters: node %s: %s[%d] is %s", n, field, i, values[i]));
                    }
                }
            }
            if (!Double.isFinite(n.alpha())) {
                return Optional.of(String.format("parameters: node %s: alpha is %s", n, n.alpha()));
            }
        }
        return Optional.empty();
    }

    /** The key as a model name: strict UTF-8, not blank; null otherwise. */
    private static String name(byte[] key) {
        if (key == null) {
            return null;
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key)).toString().strip();
            return s.isEmpty() ? null : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
