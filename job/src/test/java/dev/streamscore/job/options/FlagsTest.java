package dev.streamscore.job.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlagsTest {
    private static final Flags.Spec SPEC = Flags.spec("cmd")
            .optional("model", "FILE").optional("batch-size", "N").optional("input", "FILE").flag("bounded")
            .prefix("kafka.", "NAME VALUE");

    private static Flags parse(String... args) {
        return SPEC.parse(List.of(args));
    }

    private static String usageError(String... args) {
        return assertThrows(UsageException.class, () -> parse(args)).getMessage();
    }

    @Test
    void valuesSwitchesAndPrefixed() {
        Flags f = parse("--model", "m.onnx", "--input=-", "--bounded", "--kafka.security.protocol", "SASL_SSL",
                "--kafka.sasl.jaas.config=a=b c=d");
        assertEquals("m.onnx", f.required("model"));
        assertEquals("-", f.required("input"));
        assertTrue(f.isSet("bounded"));
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", "a=b c=d"), f.prefixed("kafka."));
        assertEquals(Optional.empty(), f.optional("batch-size"));
        assertEquals("x", f.get("batch-size", "x"));
        assertFalse(f.help());
    }

    @Test
    void absentSwitchAndEmptyPrefix() {
        Flags f = parse("--model", "m");
        assertFalse(f.isSet("bounded"));
        assertEquals(Map.of(), f.prefixed("kafka."));
        assertThrows(IllegalArgumentException.class, () -> f.prefixed("flink."));
    }

    @Test
    void integers() {
        assertEquals(256, parse().intValue("batch-size", 256, 1, 1 << 20));
        assertEquals(7, parse("--batch-size", "7").intValue("batch-size", 256, 1, 1 << 20));
        assertEquals("--batch-size: expected an integer from 1 to 1048576, got '0'",
                assertThrows(UsageException.class, () -> parse("--batch-size", "0").intValue("batch-size", 256, 1, 1 << 20))
                        .getMessage());
        assertEquals("--batch-size: expected an integer >= 1, got 'many'",
                assertThrows(UsageException.class,
                        () -> parse("--batch-size", "many").intValue("batch-size", 256, 1, Integer.MAX_VALUE)).getMessage());
        assertEquals("--batch-size: expected an integer >= 1, got '99999999999'",
                assertThrows(UsageException.class,
                        () -> parse("--batch-size", "99999999999").intValue("batch-size", 256, 1, Integer.MAX_VALUE))
                        .getMessage());
    }

    @Test
    void helpIsAlwaysAccepted() {
        assertTrue(parse("--help").help());
        assertTrue(parse("--model", "m", "--help").help());
    }

    @Test
    void errorsNameTheFlagAndTheValidOnes() {
        String valid = "--model, --batch-size, --input, --bounded, --kafka.NAME, --help";
        assertEquals("unknown flag --modle; valid flags are " + valid, usageError("--modle", "m"));
        assertEquals("unexpected argument 'm.onnx'; valid flags are " + valid, usageError("m.onnx"));
        assertEquals("unexpected argument '-m'; valid flags are " + valid, usageError("-m", "x"));
        assertEquals("unexpected argument '--'; valid flags are " + valid, usageError("--"));
        assertEquals("unknown flag --kafka.; valid flags are " + valid, usageError("--kafka.", "x"));
        assertEquals("--model needs a value", usageError("--model"));
        assertEquals("--model needs a value", usageError("--model", "--input", "x"));
        assertEquals("--kafka.acks needs a value", usageError("--kafka.acks"));
        assertEquals("--model given more than once", usageError("--model", "a", "--model=b"));
        assertEquals("--kafka.acks given more than once", usageError("--kafka.acks", "1", "--kafka.acks", "all"));
        assertEquals("--bounded given more than once", usageError("--bounded", "--bounded"));
        assertEquals("--bounded takes no value", usageError("--bounded=true"));
        assertEquals("missing required flag --model",
                assertThrows(UsageException.class, () -> parse("--input", "x").required("model")).getMessage());
    }

    @Test
    void requiredFlagsAreCheckedInDeclarationOrderUnlessHelpIsAsked() {
        Flags.Spec spec = Flags.spec("score").required("model", "FILE").required("input", "FILE|-").optional("n", "N");
        assertEquals("missing required flag --model",
                assertThrows(UsageException.class, () -> spec.parse(List.of("--n", "1"))).getMessage());
        assertEquals("missing required flag --input",
                assertThrows(UsageException.class, () -> spec.parse(List.of("--model", "m"))).getMessage());
        assertTrue(spec.parse(List.of("--help")).help());
    }

    @Test
    void theUsageLineIsMadeFromTheDeclarations() {
        assertEquals("cmd [--model FILE] [--batch-size N] [--input FILE] [--bounded] [--kafka.NAME VALUE ...]", SPEC.usage());
        assertEquals("score --model FILE --input FILE|- [--n N]",
                Flags.spec("score").required("model", "FILE").required("input", "FILE|-").optional("n", "N").usage());
    }

    @Test
    void emptyValueAfterEqualsIsKept() {
        assertEquals("", parse("--model=").required("model"));
    }

    @Test
    void badDeclarationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Flags.spec("c").optional("a", "A").flag("a"));
        assertThrows(IllegalArgumentException.class, () -> Flags.spec("c").optional("help", "H"));
        assertThrows(IllegalArgumentException.class, () -> Flags.spec("c").prefix("kafka", "NAME VALUE"));
    }
}
