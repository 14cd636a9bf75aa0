package dev.streamscore.sql.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The SQL module's packages form no cycle: the model provider (what a cluster loads) needs nothing
 * of the {@code sql} command, and the engine's side of it needs neither.
 */
class SqlArchitectureTest {
    private static final JavaClasses SQL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.streamscore.sql");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.streamscore.(**)").should().beFreeOfCycles().check(SQL);
    }

    @Test
    void theProviderAndTheEngineKnowNothingOfTheCommand() {
        noClasses().that().resideInAnyPackage("dev.streamscore.sql.provider..", "dev.streamscore.sql.engine..")
                .should().dependOnClassesThat().resideInAPackage("dev.streamscore.sql.cli..")
                .check(SQL);
    }
}
