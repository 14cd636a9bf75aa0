package dev.streamscore.sql.provider;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The options of {@code CREATE MODEL ... WITH ('provider' = 'streamscore', ...)}. */
public final class ModelOptions {
    private ModelOptions() {}

    public static final ConfigOption<String> PATH = ConfigOptions.key("path")
            .stringType()
            .noDefaultValue()
            .withDescription("The model file (ONNX or streamscore JSON): a local path or any URI of a file "
                    + "system Flink is configured for (file://, s3://, hdfs://, ...). Read when the statement "
                    + "is planned and again when each parallel instance opens.");

    public static final ConfigOption<String> LABEL_COLUMN = ConfigOptions.key("label-column")
            .stringType()
            .noDefaultValue()
            .withDescription("The INPUT column that holds the label (a class index, or an array of class "
                    + "weights); it is not a feature. Needed by the OUTPUT column 'loss'.");

    public static final ConfigOption<String> NAME = ConfigOptions.key("name")
            .stringType()
            .noDefaultValue()
            .withDescription("The model's name in the 'model' output (default: the model's own name, else "
                    + "the file name without its extension).");

    public static final ConfigOption<String> VERSION = ConfigOptions.key("version")
            .stringType()
            .noDefaultValue()
            .withDescription("The model's version in the 'model' output (default: the model's own version, "
                    + "else the first 12 hex digits of the SHA-256 of the file).");
}
