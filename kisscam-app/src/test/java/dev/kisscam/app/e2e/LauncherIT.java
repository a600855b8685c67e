package dev.kisscam.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.app.testing.PackagedProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/kisscam} in a checkout of its own: it builds the jar on the first run and again after the checkout
 * changed, says so with Maven's progress, and starts the jar with {@code bin/jvm.options}. A stand-in for the
 * Maven wrapper "builds" by copying the packaged jar, so the launcher's own decisions are what is tested.
 */
class LauncherIT {
    private static final Path REAL_BIN = Path.of("..", "bin").toAbsolutePath().normalize();

    @TempDir
    Path checkout;

    private Path builds;

    @BeforeEach
    void aCheckoutWithAStandInBuild() throws IOException {
        Files.createDirectories(checkout.resolve("bin"));
        for (String file : List.of("kisscam", "jvm.options")) {
            Files.copy(REAL_BIN.resolve(file), checkout.resolve("bin").resolve(file));
        }
        Files.writeString(checkout.resolve("pom.xml"), "<project/>");
        Files.createDirectories(checkout.resolve("kisscam-core/src/main/java"));
        Files.writeString(checkout.resolve("kisscam-core/src/main/java/Core.java"), "class Core {}");
        builds = checkout.resolve("builds.log");
        Path mvnw = checkout.resolve("mvnw");
        Files.writeString(mvnw, """
                #!/usr/bin/env bash
                echo "$*" >> '%s'
                echo '[INFO] Scanning for projects...'
                echo '[INFO] Building Kisscam core 0.1.0-SNAPSHOT                              [1/2]'
                echo '[INFO] Building Kisscam app 0.1.0-SNAPSHOT                               [2/2]'
                mkdir -p kisscam-app/target && cp '%s' kisscam-app/target/kisscam.jar
                echo '[INFO] BUILD SUCCESS'
                """.formatted(builds, PackagedProgram.jar().toAbsolutePath()));
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void the_first_run_builds_the_jar_and_shows_the_build_as_it_goes() throws Exception {
        Run first = launch("--version");

        assertThat(first.status).as(first.output).isZero();
        assertThat(first.output)
                .contains("kisscam: building kisscam.jar (first run, about a minute)...")
                .contains("kisscam:   Building Kisscam core 0.1.0-SNAPSHOT")
                .contains("kisscam:   Building Kisscam app 0.1.0-SNAPSHOT")
                .doesNotContain("Scanning for projects")
                .contains("kisscam 0.1.0-SNAPSHOT");
        assertThat(Files.readAllLines(builds)).containsExactly("-B -DskipTests package");
    }

    @Test
    void a_jar_newer_than_the_checkout_is_used_as_it_is() throws Exception {
        launch("--version");

        Run second = launch("--version");

        assertThat(second.status).as(second.output).isZero();
        assertThat(second.output).doesNotContain("building").contains("kisscam 0.1.0-SNAPSHOT");
        assertThat(Files.readAllLines(builds)).hasSize(1);
    }

    @Test
    void a_source_changed_after_the_build_makes_it_build_again() throws Exception {
        launch("--version");
        Path jar = checkout.resolve("kisscam-app/target/kisscam.jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));
        Files.writeString(checkout.resolve("kisscam-core/src/main/java/Core.java"), "class Core { int pulled; }");

        Run afterPull = launch("--version");

        assertThat(afterPull.status).as(afterPull.output).isZero();
        assertThat(afterPull.output).contains("building kisscam.jar (the checkout changed since the last build");
        assertThat(Files.readAllLines(builds)).hasSize(2);
    }

    @Test
    void the_jvm_runs_with_the_options_file_and_the_operators_options_after_it() throws Exception {
        // The JVM itself tells which flags it runs with: -XX:+PrintCommandLineFlags prints them before main.
        Run run = launch("--version", "KISSCAM_JAVA_OPTS", "-XX:+PrintCommandLineFlags -Xmx200m");

        assertThat(run.status).as(run.output).isZero();
        assertThat(run.output).contains("-XX:+UseSerialGC").contains("-XX:MaxHeapSize=209715200")
                .contains("-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void a_failed_build_shows_its_log_and_stops() throws Exception {
        Files.writeString(checkout.resolve("mvnw"), """
                #!/usr/bin/env bash
                echo '[ERROR] COMPILATION ERROR : Core.java:[1,1] class, interface, enum, or record expected'
                exit 1
                """);

        Run run = launch("--version");

        assertThat(run.status).isEqualTo(1);
        assertThat(run.output).contains("COMPILATION ERROR").contains("kisscam: the build failed; its whole log is in");
        assertThat(checkout.resolve("kisscam-app/target/kisscam.jar")).doesNotExist();
    }

    private Run launch(String argument, String... environment) throws Exception {
        var builder = new ProcessBuilder("bash", checkout.resolve("bin/kisscam").toString(), argument)
                .redirectErrorStream(true);
        builder.environment().remove("KISSCAM_JAVA_OPTS");
        builder.environment().put("JAVA_HOME", Path.of(PackagedProgram.java()).getParent().getParent().toString());
        for (int i = 0; i < environment.length; i += 2) {
            builder.environment().put(environment[i], environment[i + 1]);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        return new Run(process.exitValue(), output);
    }

    private record Run(int status, String output) {
    }
}
