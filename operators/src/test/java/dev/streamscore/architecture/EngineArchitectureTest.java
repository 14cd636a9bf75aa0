package dev.streamscore.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine's packages form no cycle, and the engine knows nothing of Flink or Kafka. */
class EngineArchitectureTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.streamscore");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.streamscore.(*)..").should().beFreeOfCycles().check(ENGINE);
    }

    @Test
    void noFlinkAndNoKafkaInTheEngine() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.flink..", "org.apache.kafka..")
                .check(ENGINE);
    }

    @Test
    void theGraphIsADescriptionOnly() {
        noClasses().that().resideInAPackage("dev.streamscore.graph..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.streamscore.plan..", "dev.streamscore.score..", "dev.streamscore.model..",
                        "dev.streamscore.kernel..", "dev.streamscore.ops..")
                .check(ENGINE);
    }
}
