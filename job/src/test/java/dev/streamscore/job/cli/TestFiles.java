package dev.streamscore.job.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the bundled demo files, from the module directory the tests run in. */
final class TestFiles {
    private TestFiles() {}

    static Path demo(String name) {
        Path here = Path.of("demo", name);
        return Files.exists(here) ? here : Path.of("..", "demo", name);
    }
}
