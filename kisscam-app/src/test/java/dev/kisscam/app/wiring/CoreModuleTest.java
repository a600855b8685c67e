package dev.kisscam.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.app.config.AppConfig;
import org.junit.jupiter.api.Test;

/** The name an instance holds its job leases under. */
class CoreModuleTest {
    @Test
    void instances_on_one_host_hold_jobs_under_names_of_their_own_that_a_restart_on_the_same_port_keeps() {
        String first = CoreModule.processName(new AppConfig.Server("0.0.0.0", 8001));
        String second = CoreModule.processName(new AppConfig.Server("0.0.0.0", 8002));

        assertThat(first).endsWith(":8001").isNotEqualTo(second)
                .isEqualTo(CoreModule.processName(new AppConfig.Server("127.0.0.1", 8001)));
        assertThat(CoreModule.processName(new AppConfig.Server("127.0.0.1", 0)))
                .endsWith(":pid" + ProcessHandle.current().pid());
    }
}
