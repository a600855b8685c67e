package dev.kisscam.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.kisscam.architecture.fixture.adapter.grok.GrokAdapterCallingTelegram;
import dev.kisscam.architecture.fixture.adapter.storage.StorageUsingAService;
import dev.kisscam.architecture.fixture.adapter.telegram.TelegramThing;
import dev.kisscam.architecture.fixture.app.http.HealthNamingTheProvider;
import dev.kisscam.architecture.fixture.core.domain.DomainWithFieldInjection;
import dev.kisscam.architecture.fixture.core.domain.DomainThrowingGenericException;
import dev.kisscam.architecture.fixture.core.domain.DomainUsingGuice;
import dev.kisscam.architecture.fixture.core.port.out.PortUsingAService;
import dev.kisscam.architecture.fixture.core.service.SomeService;
import dev.kisscam.architecture.fixture.core.service.intake.IntakeStep;
import dev.kisscam.architecture.fixture.core.service.job.JobStepCallingIntake;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each rule, run over a deliberately bad class, reports it: a rule that matched nothing or checked the wrong
 * thing would pass silently over the product, so this proves every rule can fail.
 */
class RulesBiteTest {
    private static final String FIXTURES = "dev.kisscam.architecture.fixture";

    private static EvaluationResult evaluate(Function<String, ArchRule> rule, Class<?>... bad) {
        JavaClasses classes = new ClassFileImporter().importClasses(bad);
        return rule.apply(FIXTURES).evaluate(classes);
    }

    private static void assertCaught(EvaluationResult result, Class<?> culprit) {
        assertThat(result.hasViolation()).as("the rule reports a violation").isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains(culprit.getName()));
    }

    @Test
    void a_core_class_using_a_framework_is_caught() {
        assertCaught(evaluate(KisscamRules::theCoreDependsOnlyOnTheJdkAndJakartaInject, DomainUsingGuice.class),
                DomainUsingGuice.class);
    }

    @Test
    void an_adapter_calling_another_adapter_is_caught() {
        assertCaught(evaluate(KisscamRules::adaptersDoNotDependOnEachOther, GrokAdapterCallingTelegram.class,
                TelegramThing.class), GrokAdapterCallingTelegram.class);
    }

    @Test
    void guice_outside_the_app_is_caught() {
        assertCaught(evaluate(KisscamRules::onlyTheAppKnowsGuice, DomainUsingGuice.class), DomainUsingGuice.class);
    }

    @Test
    void a_port_depending_on_a_service_is_caught() {
        assertCaught(evaluate(KisscamRules::portsDoNotDependOnServices, PortUsingAService.class, SomeService.class),
                PortUsingAService.class);
    }

    @Test
    void an_adapter_calling_a_core_service_is_caught() {
        assertCaught(evaluate(KisscamRules::adaptersDoNotReachIntoCoreServices, StorageUsingAService.class,
                SomeService.class), StorageUsingAService.class);
    }

    @Test
    void a_lower_core_layer_reaching_up_is_caught() {
        assertCaught(evaluate(KisscamRules::coreServicesAreLayered, JobStepCallingIntake.class, IntakeStep.class),
                JobStepCallingIntake.class);
    }

    @Test
    void the_app_naming_a_provider_outside_its_wiring_is_caught() {
        assertCaught(evaluate(KisscamRules::onlyTheWiringKnowsWhichProviderAndStorageAreInstalled,
                HealthNamingTheProvider.class, GrokAdapterCallingTelegram.class), HealthNamingTheProvider.class);
    }

    @Test
    void field_injection_is_caught() {
        assertCaught(evaluate(KisscamRules::noFieldInjection, DomainWithFieldInjection.class),
                DomainWithFieldInjection.class);
    }

    @Test
    void throwing_a_generic_exception_is_caught() {
        assertCaught(evaluate(KisscamRules::noGenericExceptionsAreThrown, DomainThrowingGenericException.class),
                DomainThrowingGenericException.class);
    }

    @Test
    void the_domain_depending_outwards_is_caught() {
        assertCaught(evaluate(KisscamRules::layersPointInwards, PortUsingAService.class, SomeService.class),
                PortUsingAService.class);
    }
}
