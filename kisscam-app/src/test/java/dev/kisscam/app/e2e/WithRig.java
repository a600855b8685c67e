package dev.kisscam.app.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** An end-to-end test's directory and its {@link Rig}, stopped with every process after each test. */
abstract class WithRig {
    @TempDir
    Path directory;

    Rig rig;

    /** Starts the fakes; the simulated provider takes {@code generationTime} per video. */
    Rig rig(Duration generationTime) throws IOException {
        rig = new Rig(directory, generationTime);
        return rig;
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (rig != null) {
            rig.close();
        }
    }
}
