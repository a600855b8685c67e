package dev.kisscam.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deploy/kisscam.service}: systemd reads it without a complaint, and it keeps the promises its comments make. */
class SystemdUnitTest {
    private static final Path UNIT = Path.of("..", "deploy", "kisscam.service").toAbsolutePath().normalize();
    private static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");

    @TempDir
    Path directory;

    @Test
    void systemd_verifies_the_unit_without_a_single_warning() throws Exception {
        assumeTrue(Files.isExecutable(ANALYZE), "systemd-analyze is not installed here; the key checks below still run");
        Path copy = Files.copy(UNIT, directory.resolve("kisscam.service"));

        Verification verification = verify(copy);

        assertThat(verification.output).isEmpty();
        assertThat(verification.status).isZero();
    }

    @Test
    void the_template_for_several_instances_verifies_and_gives_each_its_port_where_the_environment_file_cannot()
            throws Exception {
        Path template = UNIT.resolveSibling("kisscam@.service");
        String start = section(template, "Service").get("ExecStart").getFirst();

        assertThat(start).isEqualTo("/usr/bin/env PORT=%i STORAGE_PATH=/var/lib/kisscam/storage-%i /opt/kisscam/bin/kisscam bot");
        assertThat(section(template, "Service").get("RestartPreventExitStatus")).containsExactly("2");
        assumeTrue(Files.isExecutable(ANALYZE), "systemd-analyze is not installed here; the keys above are checked");
        Verification verification = verify(Files.copy(template, directory.resolve("kisscam@8001.service")));
        assertThat(verification.output).isEmpty();
        assertThat(verification.status).isZero();
    }

    @Test
    void the_verification_would_notice_a_mistyped_key() throws Exception {
        assumeTrue(Files.isExecutable(ANALYZE), "systemd-analyze is not installed here");
        Path broken = directory.resolve("kisscam.service");
        Files.writeString(broken, Files.readString(UNIT).replace("KillSignal=", "KilSignal="));

        assertThat(verify(broken).output).contains("Unknown key 'KilSignal'");
    }

    @Test
    void a_configuration_error_is_not_restarted_every_five_seconds() throws IOException {
        Map<String, List<String>> service = section("Service");

        assertThat(service.get("Restart")).containsExactly("on-failure");
        // bin/kisscam and the program exit with 2 for a configuration problem, and only for that.
        assertThat(service.get("RestartPreventExitStatus")).containsExactly("2");
        assertThat(service.get("SuccessExitStatus")).containsExactly("143");
    }

    @Test
    void the_storage_path_cannot_be_overridden_by_the_environment_file_and_is_the_one_writable_directory()
            throws IOException {
        Map<String, List<String>> service = section("Service");
        String start = service.get("ExecStart").getFirst();

        // systemd lets EnvironmentFile= override Environment=, whatever the order: only the command line is safe.
        assertThat(service.getOrDefault("Environment", List.of())).noneMatch(value -> value.startsWith("STORAGE_PATH="));
        assertThat(start).startsWith("/usr/bin/env STORAGE_PATH=/var/lib/kisscam/storage ")
                .endsWith("/opt/kisscam/bin/kisscam bot");
        assertThat(service.get("ReadWritePaths")).containsExactly("/var/lib/kisscam");
        assertThat(service.get("Environment")).containsExactly("HOST=127.0.0.1");
        assertThat(service.get("ProtectSystem")).containsExactly("strict");
    }

    @Test
    void the_install_steps_copy_what_the_unit_starts() throws IOException {
        String unit = Files.readString(UNIT);

        assertThat(unit).contains("cp -r bin kisscam-app/target/kisscam.jar /opt/kisscam/")
                .contains("install -m 600 -o kisscam .env /etc/kisscam.env")
                .contains("EnvironmentFile=/etc/kisscam.env");
        // The launcher reads its JVM options from beside itself, and they travel with bin/.
        assertThat(UNIT.getParent().resolveSibling("bin").resolve("jvm.options")).isRegularFile();
    }

    private static Map<String, List<String>> section(String name) throws IOException {
        return section(UNIT, name);
    }

    private static Map<String, List<String>> section(Path unit, String name) throws IOException {
        var keys = new LinkedHashMap<String, List<String>>();
        String current = null;
        for (String line : Files.readAllLines(unit)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                current = trimmed.substring(1, trimmed.length() - 1);
            } else if (name.equals(current)) {
                int equals = trimmed.indexOf('=');
                keys.computeIfAbsent(trimmed.substring(0, equals), key -> new ArrayList<>())
                        .add(trimmed.substring(equals + 1));
            }
        }
        return keys;
    }

    private static Verification verify(Path unit) throws Exception {
        Process process = new ProcessBuilder(ANALYZE.toString(), "verify", unit.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Verification(process.exitValue(), output);
    }

    private record Verification(int status, String output) {
    }
}
