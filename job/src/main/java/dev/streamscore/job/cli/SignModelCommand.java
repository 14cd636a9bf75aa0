package dev.streamscore.job.cli;

import dev.streamscore.job.options.Flags;
import dev.streamscore.job.options.UsageException;
import dev.streamscore.job.security.FlagFiles;
import dev.streamscore.job.security.ModelSigningKey;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code sign-model --key FILE --model FILE}: prints the signature a model update needs in its
 * {@code signature} header when the job runs with {@code --model-signing-key}: the lowercase hex
 * HMAC-SHA256 of the model file's bytes, on one line. The key file format is
 * {@link ModelSigningKey}'s. The model file is read in chunks, whatever its size, and not parsed:
 * the signature covers bytes, and the job checks the model itself when the update arrives.
 */
public final class SignModelCommand implements Command {
    private static final Flags.Spec FLAGS = Flags.spec("sign-model").required("key", "FILE").required("model", "FILE");

    @Override
    public Flags.Spec flags() {
        return FLAGS;
    }

    @Override
    public int run(Flags flags, PrintStream out, PrintStream err) {
        Path keyFile = file(flags, "key");
        Path modelFile = file(flags, "model");
        ModelSigningKey key;
        try {
            key = ModelSigningKey.load("--key", keyFile);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(e.getMessage(), e);
        }
        out.println(sign(key, modelFile));
        return 0;
    }

    private static Path file(Flags flags, String flag) {
        String value = flags.required(flag);
        if (value.isBlank()) {
            throw new UsageException(String.format("--%s: expected a file, got '%s'", flag, value));
        }
        return Path.of(value);
    }

    private static String sign(ModelSigningKey key, Path model) {
        try {
            return FlagFiles.read("--model", model, "a model file", key::sign);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(e.getMessage(), e);
        }
    }
}
