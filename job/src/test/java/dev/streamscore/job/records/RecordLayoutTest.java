package dev.streamscore.job.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which fields a command reads, told at start from --features and the fields the model names. */
class RecordLayoutTest {
    private static final List<String> MODEL = List.of("amount", "merchant.risk", "history");

    private static String refused(List<String> flagged, List<String> model, int width) {
        return assertThrows(IllegalArgumentException.class,
                () -> RecordLayout.choose(flagged, "label", "id", model, width)).getMessage();
    }

    @Test
    void theFlagTheModelsFieldsOrTheFeaturesArray() {
        assertEquals(MODEL, RecordLayout.choose(null, "label", "id", MODEL, 4).featureFields(), "the model's own");
        assertEquals(MODEL, RecordLayout.choose(MODEL, "label", "id", MODEL, 4).featureFields(), "the same as the model's");
        assertEquals(List.of("a", "b"), RecordLayout.choose(List.of("a", "b"), "label", "id", List.of(), 2).featureFields());
        RecordLayout array = RecordLayout.choose(null, "label", "id", List.of(), 64);
        assertFalse(array.named());
        assertEquals(RecordLayout.DEFAULT, array);
        assertTrue(RecordLayout.choose(null, "y", "meta.key", MODEL, 3).named());
    }

    @Test
    void aFeaturesFlagThatDiffersFromTheModelNamesTheDifference() {
        assertEquals("--features differs from the fields the model names: not in the model: risk; missing: merchant.risk",
                refused(List.of("amount", "risk", "history"), MODEL, 4));
        assertEquals("--features differs from the fields the model names: missing: history",
                refused(List.of("amount", "merchant.risk"), MODEL, 4));
        assertEquals("--features differs from the fields the model names: the same fields in another order"
                        + " (the model's: amount, merchant.risk, history)",
                refused(List.of("history", "amount", "merchant.risk"), MODEL, 4));
    }

    @Test
    void moreFieldsThanInputsCannotFit() {
        assertEquals("--features: 3 fields, but the model takes 2 inputs (each field gives at least one number)",
                refused(List.of("a", "b", "c"), List.of(), 2));
    }

    @Test
    void pathsAreCheckedAndMustNotClash() {
        assertEquals("'a..b' is not a field name or a dotted path such as merchant.risk",
                refused(List.of("a..b"), List.of(), 2));
        assertEquals("fields 'merchant' and 'merchant.risk' clash: one value cannot be both",
                refused(List.of("merchant", "merchant.risk"), List.of(), 2));
        assertEquals("fields 'amount' and 'amount' clash: one value cannot be both",
                assertThrows(IllegalArgumentException.class,
                        () -> RecordLayout.choose(List.of("amount"), "amount", "id", List.of(), 1)).getMessage());
        assertEquals("fields 'features' and 'features.id' clash: one value cannot be both",
                assertThrows(IllegalArgumentException.class,
                        () -> new RecordLayout(List.of(), "label", "features.id")).getMessage());
    }

    @Test
    void theFlagsValueIsCommaSeparated() {
        assertEquals(List.of("amount", "merchant.risk"), RecordLayout.fields(" amount , merchant.risk"));
        assertEquals("--features: expected FIELD[,FIELD...], got 'a,,b' (an empty field)",
                assertThrows(IllegalArgumentException.class, () -> RecordLayout.fields("a,,b")).getMessage());
    }
}
