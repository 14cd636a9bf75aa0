package dev.streamscore.job.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The job's packages form no cycle, and the plain-Java cores stay plain: the record formats, the
 * options and the serving of models know nothing of Flink or Kafka.
 */
class JobArchitectureTest {
    private static final JavaClasses JOB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.streamscore.job");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.streamscore.job.(*)..").should().beFreeOfCycles().check(JOB);
    }

    @Test
    void plainJavaCoresHaveNoFlinkAndNoKafka() {
        noClasses().that().resideInAnyPackage("dev.streamscore.job.records..", "dev.streamscore.job.options..",
                        "dev.streamscore.job.serving..", "dev.streamscore.job.offline..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.flink..", "org.apache.kafka..")
                .check(JOB);
    }

    @Test
    void onlyTheCommandLineKnowsTheCommands() {
        noClasses().that().resideOutsideOfPackage("dev.streamscore.job.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.streamscore.job.cli..")
                .check(JOB);
    }
}
