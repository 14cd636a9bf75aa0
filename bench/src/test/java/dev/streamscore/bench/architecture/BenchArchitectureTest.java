package dev.streamscore.bench.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The benchmark module's packages (the engine bench, the end-to-end bench, the machine's description) form no cycle. */
class BenchArchitectureTest {
    private static final JavaClasses BENCH = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.streamscore.bench");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.streamscore.(**)").should().beFreeOfCycles().check(BENCH);
    }
}
