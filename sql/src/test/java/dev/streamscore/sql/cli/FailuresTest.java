package dev.streamscore.sql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FailuresTest {
    @Test
    void joinsTheFirstLinesOfNewMessagesAlongTheCauses() {
        Exception provider = new IllegalArgumentException("OUTPUT column 'x' is not an output; choose from a, b");
        Exception wrapped = new IllegalStateException("Unable to create a model provider for model 'm'.\n\nModel options are:\n\n'path'='p'",
                provider);
        Exception repeated = new RuntimeException("SQL validation failed. From line 3: Object 't' not found",
                new RuntimeException("From line 3: Object 't' not found", new RuntimeException("Object 't' not found")));
        assertEquals("Unable to create a model provider for model 'm': OUTPUT column 'x' is not an output; choose from a, b",
                Failures.oneLine(wrapped));
        assertEquals("SQL validation failed. From line 3: Object 't' not found", Failures.oneLine(repeated));
        assertEquals("NullPointerException", Failures.oneLine(new NullPointerException()));
    }
}
