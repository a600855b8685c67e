package dev.kisscam.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The product's classes (tests excluded) keep the hexagon's rules. */
class ArchitectureTest {
    private static final String ROOT = "dev.kisscam";
    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TEST_FIXTURES)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(ROOT);
    }

    @Test
    void the_core_depends_only_on_the_jdk_and_jakarta_inject() {
        KisscamRules.theCoreDependsOnlyOnTheJdkAndJakartaInject(ROOT).check(product);
    }

    @Test
    void adapters_do_not_depend_on_each_other() {
        KisscamRules.adaptersDoNotDependOnEachOther(ROOT).check(product);
    }

    @Test
    void only_the_app_knows_guice() {
        KisscamRules.onlyTheAppKnowsGuice(ROOT).check(product);
    }

    @Test
    void ports_do_not_depend_on_services() {
        KisscamRules.portsDoNotDependOnServices(ROOT).check(product);
    }

    @Test
    void adapters_do_not_reach_into_core_services() {
        KisscamRules.adaptersDoNotReachIntoCoreServices(ROOT).check(product);
    }

    @Test
    void core_services_are_layered() {
        KisscamRules.coreServicesAreLayered(ROOT).check(product);
    }

    @Test
    void only_the_wiring_knows_which_provider_and_storage_are_installed() {
        KisscamRules.onlyTheWiringKnowsWhichProviderAndStorageAreInstalled(ROOT).check(product);
    }

    @Test
    void no_field_injection() {
        KisscamRules.noFieldInjection(ROOT).check(product);
    }

    @Test
    void no_generic_exceptions_are_thrown() {
        KisscamRules.noGenericExceptionsAreThrown(ROOT).check(product);
    }

    @Test
    void layers_point_inwards() {
        KisscamRules.layersPointInwards(ROOT).check(product);
    }
}
