package dev.orchestrator.desktop.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.orchestrator.desktop.ConsoleApp;
import org.junit.jupiter.api.Test;

/**
 * The console's package rules: no cycles between its packages; the window ({@code shell}) uses the screens and
 * no screen uses it; a view model, a class named {@code *Model} (and its nested records), knows of JavaFX only
 * its properties and collections ({@code javafx.beans}, {@code javafx.collections}), so it runs and is tested
 * without the toolkit; and only the application class touches {@code Platform}, handing "run on the UI thread"
 * to everyone else as an {@code Executor}.
 */
class DesktopArchitectureTest {

    private static final String DESKTOP = "dev.orchestrator.desktop";

    /** Imported once for the class: an import takes seconds, and an instance field would repeat it per test. */
    private static final JavaClasses desktop = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(DESKTOP);

    /** A view model, or a type declared inside one (its rows and items). */
    private static final DescribedPredicate<JavaClass> VIEW_MODELS =
            DescribedPredicate.describe("view models (named *Model, with their nested types)", type -> isModel(type));

    private static boolean isModel(JavaClass type) {
        if (type.getSimpleName().endsWith("Model")) {
            return true;
        }
        return type.getEnclosingClass().map(DesktopArchitectureTest::isModel).orElse(false);
    }

    @Test
    void theImportSeesTheConsole() {
        assertThat(desktop.size()).isGreaterThan(50);
        assertThat(desktop.stream().filter(VIEW_MODELS)).hasSizeGreaterThanOrEqualTo(7);
    }

    @Test
    void thePackagesAreFreeOfCycles() {
        // "dev.orchestrator.(**)" makes the root package a slice of its own too (desktop: ConsoleApp)
        slices().matching("dev.orchestrator.(**)").should().beFreeOfCycles().check(desktop);
    }

    @Test
    void noScreenUsesTheWindow() {
        noClasses()
                .that()
                .resideOutsideOfPackages(DESKTOP + ".shell..")
                .and()
                .doNotBelongToAnyOf(ConsoleApp.class, dev.orchestrator.desktop.ConsoleLauncher.class)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(DESKTOP + ".shell..")
                .check(desktop);
    }

    @Test
    void viewModelsKnowOfJavaFxOnlyItsPropertiesAndCollections() {
        classes()
                .that(VIEW_MODELS)
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage("javafx..")
                        .or(resideInAnyPackage("javafx.beans..", "javafx.collections..")))
                .check(desktop);
    }

    @Test
    void viewModelsDoNotUseViewsOrWidgets() {
        noClasses()
                .that(VIEW_MODELS)
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("View")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage(DESKTOP + ".ui..")
                .check(desktop);
    }

    @Test
    void theClientAndTheFormattersKnowNoJavaFx() {
        noClasses()
                .that()
                .resideInAnyPackage(DESKTOP + ".client..", DESKTOP + ".format..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("javafx..")
                .because("the agent's client and the formatters serve views and view models alike, off the toolkit")
                .check(desktop);
    }

    @Test
    void theSessionKnowsOfJavaFxOnlyItsPropertiesAndCollections() {
        classes()
                .that()
                .resideInAPackage(DESKTOP + ".session..")
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage("javafx..")
                        .or(resideInAnyPackage("javafx.beans..", "javafx.collections..")))
                .because("the session is the view models' shared state, tested without the toolkit")
                .check(desktop);
    }

    @Test
    void onlyTheApplicationClassUsesPlatform() {
        // and the start measured up to its first frame, which starts the toolkit as the launcher does
        noClasses()
                .that()
                .doNotBelongToAnyOf(ConsoleApp.class, dev.orchestrator.desktop.ConsoleFirstFrame.class)
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("javafx.application.Platform")
                .check(desktop);
    }
}
