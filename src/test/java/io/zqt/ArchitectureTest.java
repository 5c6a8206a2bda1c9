package io.zqt;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The few architecture rules that matter, as tests. */
@AnalyzeClasses(packages = "io.zqt", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule capabilityPackagesHaveNoCycles =
      slices().matching("io.zqt.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule casesDependOnNoWorkflowStep =
      noClasses().that().resideInAPackage("io.zqt.cases..")
          .should().dependOnClassesThat().resideInAnyPackage("io.zqt.intake..", "io.zqt.dispatch..", "io.zqt.qc..");

  @ArchTest
  static final ArchRule onlyTheCaseRepositoryWritesCaseTables =
      noClasses().that().resideOutsideOfPackage("io.zqt.cases..")
          .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.JdbcTemplate");

  @ArchTest
  static final ArchRule calendarAndOrgStandAlone =
      noClasses().that().resideInAnyPackage("io.zqt.calendar..", "io.zqt.org..")
          .should().dependOnClassesThat().resideInAnyPackage("io.zqt.cases..", "io.zqt.intake..",
              "io.zqt.dispatch..", "io.zqt.qc..");
}
