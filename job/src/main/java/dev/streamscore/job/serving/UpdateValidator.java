package dev.streamscore.job.serving;

import dev.streamscore.job.records.RecordLayout;
import dev.streamscore.job.security.ModelSigningKey;
import dev.streamscore.model.Model;
import dev.streamscore.model.ModelLoader;
import dev.streamscore.util.Excerpt;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a model update may take over, before it does. Deterministic: the same update
 * gives the same decision on every subtask. The checks, in order:
 * <ol>
 *   <li>the {@code role} header is absent, {@code primary} or {@code shadow};</li>
 *   <li>the key is a model name (non-blank UTF-8): it becomes the served model's name;</li>
 *   <li>the value is at most the size limit;</li>
 *   <li>with a signing key, its {@code signature} header is the HMAC-SHA256 of the value (an empty
 *       one for a removal): an update is authenticated before anything else is made of it;</li>
 *   <li>the value is a model (a null or empty value only removes the shadow);</li>
 *   <li>it parses (ONNX or streamscore JSON) and compiles;</li>
 *   <li>its input width and class count are the job's (what the parser validates records for), and
 *       the feature fields it names, if any, are those the job reads;</li>
 *   <li>it has no {@link LoadedModel#defect() defect}: finite parameters, a finite forward pass.</li>
 * </ol>
 * The version is the {@code version} header, else the JSON model's own, else the first 12 hex
 * digits of the SHA-256 of the bytes ({@link ModelLoader#contentVersion}). An accepted update
 * carries the model compiled here, so it is parsed and compiled once per subtask.
 */
public final class UpdateValidator {
    private final int inputWidth;
    private final int classes;
    private final RecordLayout layout;
    private final int maxBatch;
    private final int maxModelBytes;
    private final ModelSigningKey signingKey;

    /**
     * Checks updates for a job scoring records of {@code inputWidth} features into {@code classes}
     * classes, compiling accepted models for batches of up to {@code maxBatch} rows; a value over
     * {@code maxModelBytes} is refused unread, and so is one not signed with {@code signingKey}.
     *
     * @param layout     where the job reads the records' features: a model naming other fields is refused
     * @param signingKey the key updates must be signed with, or null when they need no signature
     */
    public UpdateValidator(int inputWidth, int classes, RecordLayout layout, int maxBatch, int maxModelBytes,
                           ModelSigningKey signingKey) {
        if (inputWidth < 1 || classes < 1 || maxBatch < 1 || maxModelBytes < 1) {
            throw new IllegalArgumentException(String.format(
                    "inputWidth, classes, maxBatch and maxModelBytes must be >= 1, got %d, %d, %d and %d",
                    inputWidth, classes, maxBatch, maxModelBytes));
        }
        this.inputWidth = inputWidth;
        this.classes = classes;
        this.layout = layout;
        this.maxBatch = maxBatch;
        this.maxModelBytes = maxModelBytes;
        this.signingKey = signingKey;
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
        byte[] value = update.value() == null ? new byte[0] : update.value();
        if (value.length > maxModelBytes) {
            return new UpdateDecision.Refuse(String.format("value: %d bytes, over the limit of %d (--max-model-bytes)",
                    value.length, maxModelBytes), name, version, role);
        }
        if (signingKey != null) {
            Optional<String> unsigned = signingKey.refusal(value, update.signature());
            if (unsigned.isPresent()) {
                return new UpdateDecision.Refuse(unsigned.get(), name, version, role);
            }
        }
        if (value.length == 0) {
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
        ModelBytes bytes = new ModelBytes(name, parsed.version(), update.value());
        LoadedModel model;
        try {
            model = LoadedModel.compile(bytes, parsed, maxBatch);
        } catch (RuntimeException e) {
            return new UpdateDecision.Refuse(String.format("does not compile: %s", e.getMessage()), name, bytes.version(), role);
        }
        Optional<String> problem = model.incompatibility(inputWidth, classes).or(() -> fields(model)).or(model::defect);
        return problem.isPresent()
                ? new UpdateDecision.Refuse(problem.get(), name, bytes.version(), role)
                : new UpdateDecision.Install(role, model);
    }

    /**
     * Why the fields {@code model} names cannot be read with the job's layout, if they cannot. Both
     * lists are shown cut ({@link Excerpt#list}: long names and long lists), so that the reason
     * says both sides however many or long the names the update holds.
     */
    private Optional<String> fields(LoadedModel model) {
        List<String> named = model.featureFields();
        if (named.isEmpty() || named.equals(layout.featureFields())) {
            return Optional.empty();
        }
        return Optional.of(String.format("features: the model reads %s, the job reads %s", Excerpt.list(named),
                layout.named() ? Excerpt.list(layout.featureFields())
                        : String.format("the '%s' array", RecordLayout.FEATURES_ARRAY)));
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
