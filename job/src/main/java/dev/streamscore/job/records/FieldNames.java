package dev.streamscore.job.records;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The field names met so far in each open object of the record being read, so that a repeated
 * name is refused (JSON leaves duplicates undefined; the contract refuses them). Kept by the
 * parser from record to record: a record's objects usually have a handful of fields, compared one
 * by one in an array that is reused; an object with more than {@value #LINEAR} fields (a hostile
 * record can have a hundred thousand) switches to a hash set, so reading stays linear.
 * Jackson's own strict duplicate detection did the same with a new hash set for every object of
 * more than two fields, of every record.
 */
final class FieldNames {
    static final int LINEAR = 16;

    private final List<Level> levels = new ArrayList<>();
    private int depth;

    /** Forgets every open object: call before reading a record (a refused record may leave some open). */
    void reset() {
        depth = 0;
    }

    /** An object starts: its names are tracked until {@link #exit}. */
    void enter() {
        if (depth == levels.size()) {
            levels.add(new Level());
        }
        levels.get(depth++).clear();
    }

    /** The innermost open object ends. */
    void exit() {
        depth--;
    }

    /** Adds a name of the innermost open object; false when that object already had it. */
    boolean add(String name) {
        return levels.get(depth - 1).add(name);
    }

    /** The names of one object. */
    private static final class Level {
        private final String[] names = new String[LINEAR];
        private int count;
        private Set<String> many;

        void clear() {
            count = 0;
            many = null;
        }

        boolean add(String name) {
            if (many != null) {
                return many.add(name);
            }
            for (int i = 0; i < count; i++) {
                if (names[i].equals(name)) {
                    return false;
                }
            }
            if (count < LINEAR) {
                names[count++] = name;
                return true;
            }
            many = new HashSet<>(List.of(names));
            return many.add(name);
        }
    }
}
