package dev.streamscore.job.serving;

import dev.streamscore.job.records.KeyedValue;
import dev.streamscore.job.records.RecordWriter;
import dev.streamscore.util.Excerpt;
import java.util.Objects;

/** What {@link UpdateValidator} decided about one model update. */
public sealed interface UpdateDecision {

    /** The update passed every check: {@code model}, compiled and checked, may take over {@code role}. */
    record Install(Role role, LoadedModel model) implements UpdateDecision {
        public Install {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(model, "model");
        }
    }

    /** A shadow tombstone (null or empty value with {@code role: shadow}): stop shadow scoring. */
    record RemoveShadow() implements UpdateDecision {}

    /**
     * The update is refused and the models in force keep serving.
     *
     * @param reason  why, naming what was expected
     * @param name    the model name when known (a valid key), else null
     * @param version the version when known (the header, or the model's once it parsed), else null
     * @param role    the role when the header was valid, else null
     */
    record Refuse(String reason, String name, String version, Role role) implements UpdateDecision {
        /**
         * The reason is kept to one line of bounded length ({@link Excerpt#oneLine}):
         * it quotes what the update holds (a header, a node or tensor name, a list of node ids)
         * and goes to the log and to the model dead-letter topic, which it must fit.
         */
        public Refuse {
            reason = Excerpt.oneLine(Objects.requireNonNull(reason, "reason"));
        }

        /**
         * The dead letter of {@code update}, refused for this reason: key and timestamp of the
         * update, at most {@code maxRawBytes} of its value ({@code --dead-letter-max-raw-bytes}).
         */
        public KeyedValue deadLetter(ModelUpdate update, int maxRawBytes) {
            byte[] value = RecordWriter.modelRefusal(reason, update.source(),
                    update.value() == null ? new byte[0] : update.value(), maxRawBytes, name, version,
                    role == null ? null : role.label());
            return new KeyedValue(update.key(), value, update.timestamp());
        }
    }
}
