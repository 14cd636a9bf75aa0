package dev.streamscore.job.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Which client settings are secrets, and their values hidden as {@value #HIDDEN} (what Kafka
 * itself prints for a password) wherever settings or messages are shown: logs, usage errors, dead
 * letters.
 *
 * <p>A setting is secret when Kafka's producer, consumer or admin client declares it a password
 * ({@code ssl.key.password}, {@code ssl.keystore.key}, {@code sasl.jaas.config}, ...), or when its
 * name, in any case, contains {@code password}, {@code secret}, {@code jaas},
 * {@code passphrase} or {@code user.info}, or has {@code key} as a dot-separated part after the
 * first (key material such as {@code ssl.keystore.key}, not {@code key.serializer}). The name
 * rules catch settings Kafka does not declare: listener-prefixed ones, other login modules,
 * plug-ins.
 */
public final class SecretMask {
    /** What a secret value is shown as. */
    public static final String HIDDEN = "[hidden]";
    private static final List<String> SECRET_WORDS = List.of("password", "secret", "jaas", "passphrase", "user.info");
    /** A quoted password inside a JAAS line, e.g. {@code password="..."}. */
    private static final Pattern JAAS_PASSWORD = Pattern.compile("(?i)password\\s*=\\s*\"([^\"]*)\"");

    private SecretMask() {}

    /** True when the value of the setting {@code name} must not be shown. */
    public static boolean isSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (KafkaPasswords.NAMES.contains(n) || SECRET_WORDS.stream().anyMatch(n::contains)) {
            return true;
        }
        String[] parts = n.split("\\.");
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].equals("key")) {
                return true;
            }
        }
        return false;
    }

    /** A copy of {@code settings} in the same order, each secret value replaced by {@value #HIDDEN}. */
    public static Map<String, String> mask(Map<String, String> settings) {
        Map<String, String> m = new LinkedHashMap<>();
        settings.forEach((k, v) -> m.put(k, isSecret(k) ? HIDDEN : v));
        return m;
    }

    /**
     * {@code text} with every occurrence of a secret value of {@code settings} replaced by
     * {@value #HIDDEN}; the passwords quoted inside secret values (JAAS lines) are replaced on their
     * own too, since a message may quote them alone. Longer values are replaced first, so a
     * secret containing another one is hidden whole.
     */
    public static String scrub(String text, Map<String, String> settings) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Set<String> values = new HashSet<>();
        settings.forEach((k, v) -> {
            if (v != null && !v.isEmpty() && isSecret(k)) {
                values.add(v);
                Matcher m = JAAS_PASSWORD.matcher(v);
                while (m.find()) {
                    if (!m.group(1).isEmpty()) {
                        values.add(m.group(1));
                    }
                }
            }
        });
        List<String> longestFirst = new ArrayList<>(values);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        String out = text;
        for (String v : longestFirst) {
            out = out.replace(v, HIDDEN);
        }
        return out;
    }

    /** The settings Kafka's clients declare as passwords, read once from their definitions. */
    private static final class KafkaPasswords {
        static final Set<String> NAMES = collect();

        private static Set<String> collect() {
            Set<String> names = new HashSet<>();
            for (ConfigDef def : List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef())) {
                def.configKeys().forEach((name, key) -> {
                    if (key.type == ConfigDef.Type.PASSWORD) {
                        names.add(name.toLowerCase(Locale.ROOT));
                    }
                });
            }
            return Set.copyOf(names);
        }
    }
}
