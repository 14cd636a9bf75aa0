package dev.streamscore.sql.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flags of {@code sql --file FILE.sql [--set KEY=VALUE ...] [--parallelism N]}. Flags are
 * {@code --name value} or {@code --name=value}; {@code --set} may repeat (a later value of the same
 * key wins).
 *
 * @param file        the SQL file
 * @param settings    Flink configuration given with {@code --set}, in order
 * @param parallelism the default parallelism, if given
 * @param help        {@code --help} was given: print the usage and exit 0
 */
record SqlArgs(Path file, Map<String, String> settings, Optional<Integer> parallelism, boolean help) {
    static final String USAGE = "sql --file FILE.sql [--set KEY=VALUE ...] [--parallelism N]";

    /** @throws UsageException naming the flag and what it needs */
    static SqlArgs parse(List<String> args) {
        Path file = null;
        Map<String, String> settings = new LinkedHashMap<>();
        Integer parallelism = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                return new SqlArgs(null, Map.of(), Optional.empty(), true);
            }
            if (!arg.startsWith("--")) {
                throw new UsageException(String.format("unexpected argument '%s'; flags start with --", arg));
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(2, eq) : arg.substring(2);
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException(String.format("flag --%s needs a value", name));
            }
            switch (name) {
                case "file" -> {
                    if (file != null) {
                        throw new UsageException("flag --file given twice");
                    }
                    if (value.isEmpty()) {
                        throw new UsageException("flag --file needs a file name");
                    }
                    file = Path.of(value);
                }
                case "set" -> {
                    int sep = value.indexOf('=');
                    if (sep <= 0) {
                        throw new UsageException(String.format(
                                "flag --set needs KEY=VALUE (a Flink configuration key), got '%s'", value));
                    }
                    settings.put(value.substring(0, sep).trim(), value.substring(sep + 1).trim());
                }
                case "parallelism" -> parallelism = parallelism(value);
                default -> throw new UsageException(String.format(
                        "unknown flag --%s; valid flags are --file, --set, --parallelism, --help", name));
            }
        }
        if (file == null) {
            throw new UsageException("missing required flag --file");
        }
        return new SqlArgs(file, settings, Optional.ofNullable(parallelism), false);
    }

    private static int parallelism(String value) {
        try {
            int p = Integer.parseInt(value);
            if (p >= 1 && p <= 1024) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(String.format("flag --parallelism needs an integer in [1, 1024], got '%s'", value));
    }
}
