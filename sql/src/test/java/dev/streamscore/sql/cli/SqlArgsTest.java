package dev.streamscore.sql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlArgsTest {
    private static String usageError(String... args) {
        return assertThrows(UsageException.class, () -> SqlArgs.parse(List.of(args))).getMessage();
    }

    @Test
    void parsesEveryFlagInBothForms() {
        SqlArgs a = SqlArgs.parse(List.of("--file", "x.sql", "--set", "a.b=1", "--set=c = d=e", "--parallelism=3"));
        assertEquals(Path.of("x.sql"), a.file());
        assertEquals(Map.of("a.b", "1", "c", "d=e"), a.settings());
        assertEquals(Optional.of(3), a.parallelism());
        assertTrue(SqlArgs.parse(List.of("--file", "x", "--help")).help());
    }

    @Test
    void namesTheBadFlag() {
        assertEquals("missing required flag --file", usageError());
        assertEquals("missing required flag --file", usageError("--set", "a=b"));
        assertEquals("flag --file needs a value", usageError("--file"));
        assertEquals("flag --file given twice", usageError("--file", "a", "--file", "b"));
        assertEquals("flag --set needs KEY=VALUE (a Flink configuration key), got 'a'", usageError("--file", "x", "--set", "a"));
        assertEquals("flag --parallelism needs an integer in [1, 1024], got '0'", usageError("--file", "x", "--parallelism", "0"));
        assertEquals("flag --parallelism needs an integer in [1, 1024], got 'two'", usageError("--file", "x", "--parallelism", "two"));
        assertEquals("unknown flag --model; valid flags are --file, --set, --parallelism, --help", usageError("--model", "m"));
        assertEquals("unexpected argument 'x.sql'; flags start with --", usageError("x.sql"));
    }
}
