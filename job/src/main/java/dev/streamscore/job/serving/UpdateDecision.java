package dev.streamscore.job.serving;

import dev.streamscore.job.records.KeyedValue;
import dev.streamscore.job.records.RecordWriter;
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
        public Refuse {
            Objects.requireNonNull(reason, "reason");
        }

        /** The dead letter of {@code update}, refused for this reason: key and timestamp of the update. */
        public KeyedValue deadLetter(ModelUpdate update) {
            byte[] value = RecordWriter.modelRefusal(reason, update.source(),
                    update.value() == null ? new byte[0] : update.value(), name, version, role == null ? null : role.label());
            return new KeyedValue(update.key(), value, update.timestamp());
        }
    }
}
