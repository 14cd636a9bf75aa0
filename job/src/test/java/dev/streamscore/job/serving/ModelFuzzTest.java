package dev.streamscore.job.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.options.JobOptionsBuilder;
import dev.streamscore.job.records.RecordLayout;
import dev.streamscore.job.testing.Draw;
import dev.streamscore.job.testing.FuzzCases;
import dev.streamscore.job.testing.FuzzCounts;
import dev.streamscore.job.testing.ModelFiles;
import dev.streamscore.job.testing.RenderedRecords;
import dev.streamscore.job.testing.StrictJson;
import dev.streamscore.job.testing.TestModels;
import dev.streamscore.model.Model;
import dev.streamscore.model.ModelLoader;
import dev.streamscore.score.Label;
import dev.streamscore.score.Scores;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the model readers and the update validator with 10,000+ mutated ONNX and streamscore
 * JSON model files ({@link ModelFiles}): each is read by {@link ModelLoader#fromBytes} (a model, or
 * a {@link IllegalArgumentException} such as a {@link dev.streamscore.model.ModelFormatException}
 * with a one-line reason, nothing else), compiled ({@link LoadedModel#compile}: a model or an
 * IllegalArgumentException), checked ({@link LoadedModel#defect}), and given as a model update to
 * {@link UpdateValidator#decide}, which must install it exactly when it loaded, compiled, fits the
 * job and has no defect, and otherwise refuse it with a one-line reason and a dead letter that fits
 * the sink. A model that is accepted classifies a row of zeros finitely. Each case runs on a
 * worker thread, within {@value #CASE_TIMEOUT_SECONDS} s and an allocation bound proportional to
 * its size (nothing a model file declares may make the readers allocate what it does not hold).
 * The cases come from fixed seeds ({@link FuzzCases}: a failure prints its case's seed, to run it
 * alone); the counts by generator, base and outcome are printed at the end.
 */
class ModelFuzzTest {
    private static final long SEED = 20261202L;
    private static final int CASES = 12_000;
    private static final FuzzCounts COUNTS = new FuzzCounts("ModelFuzzTest: model files through ModelLoader, LoadedModel and UpdateValidator");
    private static final List<ModelFiles.Base> BASES = ModelFiles.bases();
    private static final int MAX_BATCH = 64;
    static final int CASE_TIMEOUT_SECONDS = 30;
    static final long MAX_ALLOCATED_MIB = 64;
    /**
     * Allocation allowed per byte of the file, over {@value #MAX_ALLOCATED_MIB} MiB: a case reads
     * and compiles the model twice (here and in the validator); the JSON reader allocates about
     * 140 bytes per byte of a graph of many small nodes (20,000 chained relu: 156 MiB for 1.1 MB)
     * and a graph's buffers for {@value #MAX_BATCH} rows are tens of times its JSON. What the
     * bound catches is a file that makes the readers allocate what it declares, not what it holds.
     */
    static final long ALLOCATED_PER_BYTE = 600;
    /** The longest reason a refused model may give, in characters: one line, lists and names cut. */
    private static final int MAX_MODEL_REASON = 1000;
    private static final int MAX_RAW = JobOptionsBuilder.DEFAULT_DEAD_LETTER_MAX_RAW_BYTES;
    private static ExecutorService worker = newWorker();

    /** A model update's headers: version and role. */
    record Headers(String version, String role) {
        /** Mostly ordinary headers; now and then a role of 200,000 characters, one with a line break, odd ones. */
        static Headers draw(RandomGenerator r) {
            return Draw.weighted(r, 40, 1) == 0
                    ? Draw.pick(r, new Headers(null, null), new Headers("v7", "primary"), new Headers(" ", "shadow"),
                            new Headers(null, "shadow"))
                    : Draw.pick(r, new Headers(null, "r".repeat(200_000)), new Headers("v1", "shadow\nprimary"),
                            new Headers(null, "SHADOW "), new Headers("v\n2", ""));
        }

        @Override
        public String toString() {
            return String.format("version %s, role %s", excerpt(version), excerpt(role));
        }

        private static String excerpt(String s) {
            return s == null ? "none" : String.format("'%s'", s.length() <= 20 ? s : String.format("%s... (%d characters)",
                    s.substring(0, 20), s.length())).replace("\n", "\\n");
        }
    }

    /** One case: a model file and the headers of its update. */
    record Case(ModelFiles.ModelCase model, Headers headers) {
        static Case draw(RandomGenerator r) {
            return new Case(ModelFiles.draw(r, BASES), Headers.draw(r));
        }

        @Override
        public String toString() {
            return String.format("%s; %s", model, headers);
        }
    }

    @Test
    void everyModelIsServedOrRefusedWithAOneLineReason() {
        int cases = FuzzCases.run(ModelFuzzTest.class, SEED, CASES, Case::draw, Case::toString, c -> {
            String outcome = bounded(c.model(), () -> check(c.model(), c.headers()));
            COUNTS.count("models by generator", c.model().kind());
            COUNTS.count("models by base", c.model().base().name());
            COUNTS.count("outcome", outcome);
        });
        assertEquals(cases, COUNTS.total("outcome"), "an outcome counted for every case");
    }

    /** The checks of one model file; returns what became of it, for the counts. */
    private static String check(ModelFiles.ModelCase model, Headers headers) {
        byte[] bytes = model.bytes();
        Model parsed = null;
        String refusal = null;
        try {
            parsed = ModelLoader.fromBytes(bytes, "fuzz", null);
        } catch (IllegalArgumentException e) {
            refusal = String.format("does not load: %s", reason(e.getMessage()));
        }
        LoadedModel loaded = null;
        boolean namesFields = false;
        if (parsed != null) {
            try {
                loaded = LoadedModel.compile(new ModelBytes("fuzz", parsed.version(), bytes), parsed, MAX_BATCH);
            } catch (IllegalArgumentException e) {
                refusal = String.format("does not compile: %s", oneLine(e.getMessage()));
            }
        }
        if (loaded != null) {
            Optional<String> problem = loaded.incompatibility(model.base().width(), model.base().classes());
            Optional<String> defect = loaded.defect();
            if (defect.isPresent()) {
                refusal = String.format("defect: %s", reason(defect.get()));
            } else {
                assertClassifiesZerosFinitely(loaded);
                if (problem.isPresent()) {
                    refusal = String.format("incompatible: %s", reason(problem.get()));
                } else if (!loaded.featureFields().isEmpty()) {
                    // the job reads the 'features' array (RecordLayout.DEFAULT): a model naming fields is refused
                    refusal = "features: the model reads other fields";
                    namesFields = true;
                }
            }
        }
        UpdateValidator validator = new UpdateValidator(model.base().width(), model.base().classes(), RecordLayout.DEFAULT, MAX_BATCH,
                JobOptionsBuilder.DEFAULT_MAX_MODEL_BYTES, null);
        ModelUpdate update = TestModels.update("fuzz", bytes, headers.version(), headers.role(), 11);
        UpdateDecision decision = validator.decide(update);
        Role role;
        try {
            role = Role.ofHeader(headers.role());
        } catch (IllegalArgumentException e) {
            UpdateDecision.Refuse refused = (UpdateDecision.Refuse) decision;
            assertTrue(refused.reason().startsWith("header role: expected primary or shadow, got '"), refused.reason());
            reason(refused.reason());
            return "refused, bad role header";
        }
        if (bytes.length == 0 && role == Role.SHADOW) {
            assertTrue(decision instanceof UpdateDecision.RemoveShadow, () -> String.format("%s", decision));
            return "removes the shadow (empty value)";
        }
        if (decision instanceof UpdateDecision.Install install) {
            assertEquals(null, refusal, "installed though it should be refused");
            assertClassifiesZerosFinitely(install.model());
            return "installed";
        }
        UpdateDecision.Refuse refused = (UpdateDecision.Refuse) decision;
        assertTrue(refusal != null, () -> String.format("refused though it loads, compiles, fits and has no defect: %s",
                refused.reason()));
        reason(refused.reason());
        if (namesFields) {
            assertTrue(refused.reason().startsWith("features: the model reads ["), refused.reason());
        }
        byte[] deadLetter = refused.deadLetter(update, MAX_RAW).value();
        assertTrue(StrictJson.isJson(deadLetter), "the refusal's dead letter is strict JSON");
        assertTrue(deadLetter.length <= 6L * MAX_RAW + MAX_MODEL_REASON * 6L + RenderedRecords.DEAD_LETTER_OVERHEAD,
                () -> String.format("a refusal's dead letter of %d bytes", deadLetter.length));
        return String.format("refused, %s", reasonClass(refusal));
    }

    /** A forward pass on a row of zeros: finite probabilities summing to 1, a finite loss. */
    private static void assertClassifiesZerosFinitely(LoadedModel model) {
        DMatrixRMaj in = model.classifier().input(1);
        Arrays.fill(in.data, 0, model.inputWidth(), 0.0);
        Scores out = model.classifier().newScores();
        model.classifier().classify(new Label[] {Label.ofIndex(0)}, out);
        double sum = 0;
        for (int j = 0; j < model.classes(); j++) {
            double p = out.probability(0, j);
            assertTrue(Double.isFinite(p) && p >= 0 && p <= 1, () -> String.format("probability %s", p));
            sum += p;
        }
        assertEquals(1.0, sum, 1e-9, "the probabilities sum to 1");
        assertTrue(Double.isFinite(out.loss(0)), "a finite loss");
        assertEquals(null, out.problem(0));
    }

    /** A reason is one line of at most {@value #MAX_MODEL_REASON} characters (with its stage before and a count after). */
    private static String reason(String reason) {
        oneLine(reason);
        assertTrue(reason.length() <= MAX_MODEL_REASON + 100, () -> String.format("a reason of %d characters: %s...",
                reason.length(), reason.substring(0, 300)));
        return reason;
    }

    /** A message on one line: no line break. */
    private static String oneLine(String message) {
        assertTrue(message != null && !message.isBlank(), "a message");
        assertTrue(message.chars().noneMatch(c -> c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029),
                () -> String.format("a message with a line break: %s", message.length() <= 300 ? message : message.substring(0, 300)));
        return message;
    }

    /**
     * The kind of a refusal, for the counts: its stage, then its reason with quoted names, lists and
     * numbers left out, up to the first detail ({@code invalid JSON}, {@code node # (op): ...}).
     */
    private static String reasonClass(String refusal) {
        String r = refusal.replaceAll("'[^']*'", "'*'").replaceAll("\\[[^]]*]", "[*]")
                .replaceAll("-?[0-9][0-9.eE+-]*", "#").replaceAll("node # \\([a-z_]+\\)", "node # (op)")
                .replaceAll("invalid JSON at line #, column #: .*", "invalid JSON")
                .replaceAll("^(defect: parameters: node) .*", "$1 ...: not finite");
        for (String stop : new String[] {";", ", got", ", but", " (expected", ": expected", ", which", " of shape"}) {
            int at = r.indexOf(stop, 10);
            if (at > 0) {
                r = r.substring(0, at);
            }
        }
        return r.length() <= 80 ? r : r.substring(0, 80).concat("...");
    }

    /** Runs {@code body} on the worker within the time and allocation bounds; any escaping throwable fails the test. */
    private static String bounded(ModelFiles.ModelCase model, Callable<String> body) {
        Future<String> f = worker.submit(() -> {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = mx.getCurrentThreadAllocatedBytes();
            String outcome = body.call();
            long mib = (mx.getCurrentThreadAllocatedBytes() - before) >> 20;
            long bound = MAX_ALLOCATED_MIB + ALLOCATED_PER_BYTE * model.bytes().length / (1 << 20);
            assertTrue(mib <= bound, () -> String.format("%d MiB allocated (over %d MiB) for %s", mib, bound, model));
            COUNTS.add("allocated MiB", "all cases", mib);
            return outcome;
        });
        try {
            return f.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            throw new AssertionError(String.format("no decision within %d s: %s", CASE_TIMEOUT_SECONDS, model));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError(String.format("%s escaped for %s", e.getCause(), model), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "model-fuzz");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void report() {
        worker.shutdownNow();
        System.out.println(COUNTS.report());
    }
}
