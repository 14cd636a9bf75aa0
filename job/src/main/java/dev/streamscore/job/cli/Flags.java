package dev.streamscore.job.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A command's parsed flags: {@code --name VALUE} (or {@code --name=VALUE}), switches {@code --name},
 * and passthrough families {@code --PREFIX.NAME VALUE} (e.g. {@code --kafka.security.protocol SSL}).
 * Declared with {@link #spec()}; every error is a {@link UsageException} naming the flag and the
 * valid flags. {@code --help} is always accepted (see {@link #help()}).
 */
public final class Flags {
    private final Map<String, String> values;
    private final Set<String> switches;
    private final Map<String, Map<String, String>> prefixed;
    private final boolean help;

    private Flags(Map<String, String> values, Set<String> switches, Map<String, Map<String, String>> prefixed, boolean help) {
        this.values = values;
        this.switches = switches;
        this.prefixed = prefixed;
        this.help = help;
    }

    /** Starts declaring the flags a command accepts. */
    public static Spec spec() {
        return new Spec();
    }

    /** True when {@code --help} was given: the command prints its usage and exits 0. */
    public boolean help() {
        return help;
    }

    /** The value of {@code --name}. @throws UsageException when it was not given */
    public String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new UsageException(String.format("missing required flag --%s", name));
        }
        return v;
    }

    /** The value of {@code --name}, if given. */
    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value of {@code --name}, or {@code defaultValue}. */
    public String get(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /** True when the switch {@code --name} was given. */
    public boolean isSet(String name) {
        return switches.contains(name);
    }

    /**
     * The integer value of {@code --name} in {@code [min, max]}, or {@code defaultValue} when absent.
     *
     * @throws UsageException naming the flag and the range when the value is not such an integer
     */
    public int intValue(String name, int defaultValue, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        long parsed = longValue(name, v, min, max);
        return (int) parsed;
    }

    /** As {@link #intValue} for longs (e.g. milliseconds). */
    public long longValue(String name, long defaultValue, long min, long max) {
        String v = values.get(name);
        return v == null ? defaultValue : longValue(name, v, min, max);
    }

    private static long longValue(String name, String v, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            parsed = Long.MIN_VALUE;
        }
        if (parsed < min || parsed > max) {
            String range = max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                    ? String.format("an integer >= %d", min)
                    : String.format("an integer from %d to %d", min, max);
            throw new UsageException(String.format("--%s: expected %s, got '%s'", name, range, v));
        }
        return parsed;
    }

    /**
     * The {@code --PREFIX.NAME VALUE} flags of a declared prefix, keyed by NAME (prefix removed),
     * in name order. E.g. {@code prefixed("kafka.")} of {@code --kafka.acks all} is {@code {acks=all}}.
     */
    public Map<String, String> prefixed(String prefix) {
        Map<String, String> m = prefixed.get(prefix);
        if (m == null) {
            throw new IllegalArgumentException(String.format("prefix '%s' was not declared; declared: %s", prefix, prefixed.keySet()));
        }
        return Collections.unmodifiableMap(m);
    }

    /** The flags a command accepts. */
    public static final class Spec {
        private final Set<String> valued = new LinkedHashSet<>();
        private final Set<String> switches = new LinkedHashSet<>();
        private final Set<String> prefixes = new LinkedHashSet<>();

        private Spec() {}

        /** Declares {@code --name VALUE}. */
        public Spec value(String name) {
            declare(name);
            valued.add(name);
            return this;
        }

        /** Declares the switch {@code --name} (no value). */
        public Spec flag(String name) {
            declare(name);
            switches.add(name);
            return this;
        }

        /** Declares the passthrough family {@code --PREFIX.NAME VALUE}; {@code prefix} ends with '.', e.g. {@code kafka.}. */
        public Spec prefix(String prefix) {
            if (!prefix.endsWith(".") || prefix.length() < 2) {
                throw new IllegalArgumentException(String.format("prefix must end with '.', got '%s'", prefix));
            }
            prefixes.add(prefix);
            return this;
        }

        private void declare(String name) {
            if (name.isEmpty() || name.startsWith("-") || valued.contains(name) || switches.contains(name) || name.equals("help")) {
                throw new IllegalArgumentException(String.format("bad or duplicate flag name '%s'", name));
            }
        }

        /** The valid flags, for error messages: {@code --model, --batch-size, --bounded, --kafka.NAME}. */
        public String valid() {
            List<String> all = new ArrayList<>();
            valued.forEach(n -> all.add("--" + n));
            switches.forEach(n -> all.add("--" + n));
            prefixes.forEach(p -> all.add("--" + p + "NAME"));
            all.add("--help");
            return String.join(", ", all);
        }

        /** Parses the arguments after the command name. @throws UsageException on any bad argument */
        public Flags parse(List<String> args) {
            Map<String, String> values = new LinkedHashMap<>();
            Set<String> given = new LinkedHashSet<>();
            Map<String, Map<String, String>> byPrefix = new LinkedHashMap<>();
            prefixes.forEach(p -> byPrefix.put(p, new TreeMap<>()));
            boolean help = false;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (!arg.startsWith("--") || arg.length() == 2) {
                    throw new UsageException(String.format("unexpected argument '%s'; valid flags are %s", arg, valid()));
                }
                int eq = arg.indexOf('=');
                String name = arg.substring(2, eq >= 0 ? eq : arg.length());
                if (name.equals("help")) {
                    help = true;
                    continue;
                }
                String prefix = prefixOf(name);
                if (switches.contains(name)) {
                    if (eq >= 0) {
                        throw new UsageException(String.format("--%s takes no value", name));
                    }
                    once(given, name);
                    continue;
                }
                if (!valued.contains(name) && prefix == null) {
                    throw new UsageException(String.format("unknown flag --%s; valid flags are %s", name, valid()));
                }
                String value;
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(String.format("--%s needs a value", name));
                }
                once(given, name);
                if (prefix != null) {
                    byPrefix.get(prefix).put(name.substring(prefix.length()), value);
                } else {
                    values.put(name, value);
                }
            }
            Set<String> setSwitches = new LinkedHashSet<>(given);
            setSwitches.retainAll(switches);
            return new Flags(values, setSwitches, byPrefix, help);
        }

        private String prefixOf(String name) {
            for (String p : prefixes) {
                if (name.startsWith(p) && name.length() > p.length()) {
                    return p;
                }
            }
            return null;
        }

        private static void once(Set<String> given, String name) {
            if (!given.add(name)) {
                throw new UsageException(String.format("--%s given more than once", name));
            }
        }
    }
}
