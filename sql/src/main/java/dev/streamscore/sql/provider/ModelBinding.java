package dev.streamscore.sql.provider;

import java.io.Serializable;

/**
 * What a planned ML_PREDICT needs to score: where the model is, which file content was checked
 * when the statement was planned, and how the columns map. It travels inside Flink's plan (Java
 * serialised), so it holds no model state: each parallel instance reads the file again when it opens.
 *
 * @param path          the qualified model path (scheme and absolute path)
 * @param contentDigest the first 12 hex digits of the SHA-256 of the file planned with
 * @param defaultName   the model's name unless the model sets one (the file name without extension)
 * @param version       the 'version' option, or null
 * @param modelId       {@code name@version} written in the 'model' output
 * @param input         the INPUT columns bound to the model
 * @param outputs       the OUTPUT columns, in order
 */
record ModelBinding(String path, String contentDigest, String defaultName, String version, String modelId,
                    InputLayout input, OutputColumn[] outputs) implements Serializable {
    private static final long serialVersionUID = 1L;
}
