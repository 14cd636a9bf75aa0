package dev.streamscore.job.options;

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
 * A command declares its flags once with {@link #spec(String)}; the usage line is generated from
 * that declaration. Every error is a {@link UsageException} naming the flag and the valid flags.
 * {@code --help} is always accepted (see {@link #help()}).
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

    /** Starts declaring the flags of {@code command}, in the order its usage lists them. */
    public static Spec spec(String command) {
        return new Spec(command);
    }

    /** True when {@code --help} was given: the command prints its usage and exits 0. */
    public boolean help() {
        return help;
    }

    /** The value of a required flag (parsing checked that it was given). */
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
        return v == null ? defaultValue : (int) Range.between(name, min, max).parseChecked(v, Integer.MAX_VALUE);
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

    /** The flags a command accepts, in declaration order; its usage line is made from them. */
    public static final class Spec {
        private record Declared(String name, String placeholder, boolean required, boolean isSwitch, boolean isPrefix) {
            String usage() {
                String flag = isPrefix ? String.format("--%s%s ...", name, placeholder)
                        : isSwitch ? String.format("--%s", name) : String.format("--%s %s", name, placeholder);
                return required ? flag : String.format("[%s]", flag);
            }

            String valid() {
                return isPrefix ? String.format("--%sNAME", name) : String.format("--%s", name);
            }
        }

        private final String command;
        private final List<Declared> declared = new ArrayList<>();

        private Spec(String command) {
            this.command = command;
        }

        /** Declares the required {@code --name PLACEHOLDER}. */
        public Spec required(String name, String placeholder) {
            return declare(new Declared(name, placeholder, true, false, false));
        }

        /** Declares the optional {@code --name PLACEHOLDER}. */
        public Spec optional(String name, String placeholder) {
            return declare(new Declared(name, placeholder, false, false, false));
        }

        /** Declares the switch {@code --name} (no value). */
        public Spec flag(String name) {
            return declare(new Declared(name, null, false, true, false));
        }

        /**
         * Declares the passthrough family {@code --PREFIX.NAME VALUE}; {@code prefix} ends with '.',
         * e.g. {@code kafka.}; {@code placeholder} is how the usage shows it, e.g. {@code NAME VALUE}.
         */
        public Spec prefix(String prefix, String placeholder) {
            if (!prefix.endsWith(".") || prefix.length() < 2) {
                throw new IllegalArgumentException(String.format("prefix must end with '.', got '%s'", prefix));
            }
            return declare(new Declared(prefix, placeholder, false, false, true));
        }

        private Spec declare(Declared d) {
            boolean taken = d.name().isEmpty() || d.name().startsWith("-") || d.name().equals("help")
                    || declared.stream().anyMatch(o -> o.name().equals(d.name()));
            if (taken) {
                throw new IllegalArgumentException(String.format("bad or duplicate flag name '%s'", d.name()));
            }
            declared.add(d);
            return this;
        }

        /** The usage line: {@code score --model FILE --input FILE|- [--batch-size N]}. */
        public String usage() {
            StringBuilder s = new StringBuilder(command);
            declared.forEach(d -> s.append(' ').append(d.usage()));
            return s.toString();
        }

        /** The valid flags, for error messages: {@code --model, --batch-size, --bounded, --kafka.NAME, --help}. */
        public String valid() {
            List<String> all = new ArrayList<>();
            declared.forEach(d -> all.add(d.valid()));
            all.add("--help");
            return String.join(", ", all);
        }

        /**
         * Parses the arguments after the command name; unless {@code --help} was given, every
         * required flag must be there.
         *
         * @throws UsageException on any bad argument
         */
        public Flags parse(List<String> args) {
            Map<String, String> values = new LinkedHashMap<>();
            Set<String> given = new LinkedHashSet<>();
            Set<String> switches = new LinkedHashSet<>();
            Map<String, Map<String, String>> byPrefix = new LinkedHashMap<>();
            declared.stream().filter(Declared::isPrefix).forEach(d -> byPrefix.put(d.name(), new TreeMap<>()));
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
                Declared d = find(name);
                if (d == null) {
                    throw new UsageException(String.format("unknown flag --%s; valid flags are %s", name, valid()));
                }
                if (!given.add(name)) {
                    throw new UsageException(String.format("--%s given more than once", name));
                }
                if (d.isSwitch()) {
                    if (eq >= 0) {
                        throw new UsageException(String.format("--%s takes no value", name));
                    }
                    switches.add(name);
                    continue;
                }
                String value;
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(String.format("--%s needs a value", name));
                }
                if (d.isPrefix()) {
                    byPrefix.get(d.name()).put(name.substring(d.name().length()), value);
                } else {
                    values.put(name, value);
                }
            }
            if (!help) {
                for (Declared d : declared) {
                    if (d.required() && !values.containsKey(d.name())) {
                        throw new UsageException(String.format("missing required flag --%s", d.name()));
                    }
                }
            }
            return new Flags(values, switches, byPrefix, help);
        }

        /** The declaration {@code name} belongs to: its own, or its prefix family's. */
        private Declared find(String name) {
            for (Declared d : declared) {
                if (d.isPrefix() ? name.startsWith(d.name()) && name.length() > d.name().length() : d.name().equals(name)) {
                    return d;
                }
            }
            return null;
        }
    }
}
