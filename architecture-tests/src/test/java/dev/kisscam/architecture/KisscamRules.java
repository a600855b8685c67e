package dev.kisscam.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The dependency rules of the hexagon, written once and parameterised by the root package so the same
 * rules run over the product ({@code dev.kisscam}) and over deliberately bad fixtures.
 */
final class KisscamRules {
    private KisscamRules() {
    }

    static ArchRule theCoreDependsOnlyOnTheJdkAndJakartaInject(String root) {
        return classes().that().resideInAPackage(root + ".core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jakarta.inject..", root + ".core..")
                .because("any frontend or container must be able to embed the core without pulling in a framework");
    }

    static ArchRule adaptersDoNotDependOnEachOther(String root) {
        return slices().matching(root + ".adapter.(*)..")
                .should().notDependOnEachOther()
                .because("adapters are swapped independently by configuration; they meet only through core's ports");
    }

    static ArchRule onlyTheAppKnowsGuice(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".app..")
                .should().dependOnClassesThat().resideInAPackage("com.google.inject..")
                .because("the wiring is the app's business; the core and adapters are built with plain Java");
    }

    static ArchRule portsDoNotDependOnServices(String root) {
        return noClasses().that().resideInAPackage(root + ".core.port..")
                .should().dependOnClassesThat().resideInAPackage(root + ".core.service..")
                .because("ports are the contract; the services implement them, not the other way round");
    }

    static ArchRule adaptersDoNotReachIntoCoreServices(String root) {
        return noClasses().that().resideInAPackage(root + ".adapter..")
                .should().dependOnClassesThat().resideInAPackage(root + ".core.service..")
                .because("an adapter talks to the core through its ports only");
    }

    /**
     * The core's services in layers, each allowed to use only those below it: the facade ({@code Kisscam})
     * assembles intake and control; they use the job engine; everything may use the media helpers. Nothing
     * inside reaches back up, and the facade's settings are the one thing every layer may read.
     */
    static ArchRule coreServicesAreLayered(String root) {
        String service = root + ".core.service";
        // The settings and the classes nested in them (their Invalid exception).
        DescribedPredicate<JavaClass> settings = DescribedPredicate.describe("KisscamSettings and its nested classes",
                javaClass -> javaClass.getName().startsWith(service + ".KisscamSettings"));
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("Facade").definedBy(JavaClass.Predicates.resideInAPackage(service)
                        .and(DescribedPredicate.not(settings)))
                .layer("Settings").definedBy(settings)
                .layer("Intake").definedBy(service + ".intake..")
                .layer("Control").definedBy(service + ".control..")
                .layer("Job").definedBy(service + ".job..")
                .layer("Image").definedBy(service + ".image..")
                .layer("Media").definedBy(service + ".media..")
                .whereLayer("Facade").mayNotBeAccessedByAnyLayer()
                .whereLayer("Intake").mayOnlyBeAccessedByLayers("Facade")
                .whereLayer("Control").mayOnlyBeAccessedByLayers("Facade")
                .whereLayer("Job").mayOnlyBeAccessedByLayers("Facade", "Intake", "Control")
                .whereLayer("Image").mayOnlyBeAccessedByLayers("Facade", "Intake")
                .because("a newcomer reads the core top down: the facade, the use cases, the job engine, the bytes");
    }

    static ArchRule onlyTheWiringKnowsWhichProviderAndStorageAreInstalled(String root) {
        return noClasses().that().resideInAPackage(root + ".app..")
                .and().resideOutsideOfPackages(root + ".app.wiring..", root + ".app.config..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage(root + ".adapter..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(root + ".adapter.telegram.."))))
                .because("a provider or a store is swapped by configuration: its configuration record and its module"
                        + " are the only places that name it, the rest of the app sees ports, health checks and"
                        + " closeables");
    }

    static ArchRule noFieldInjection(String root) {
        return GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION
                .because("constructor injection keeps dependencies explicit and objects complete once built");
    }

    static ArchRule noGenericExceptionsAreThrown(String root) {
        return GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS
                .because("callers handle failures by their specific type, declared next to each port");
    }

    static ArchRule layersPointInwards(String root) {
        return onionArchitecture()
                .domainModels(root + ".core.domain..")
                .domainServices(root + ".core.port..")
                .applicationServices(root + ".core.service..")
                .adapter("grok", root + ".adapter.grok..")
                .adapter("telegram", root + ".adapter.telegram..")
                .adapter("storage", root + ".adapter.storage..")
                .adapter("sql", root + ".adapter.sql..")
                .adapter("redis", root + ".adapter.redis..")
                .withOptionalLayers(true)
                // The app is the composition root: it wires every layer, so it is outside the rings by design.
                .ignoreDependency(JavaClass.Predicates.resideInAPackage(root + ".app.."), DescribedPredicate.alwaysTrue())
                .because("dependencies point from the adapters inwards to the domain, never outwards");
    }
}
