package dev.kisscam.adapter.grok;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The largest photo the bot takes (5,119 px on the long side) is never held at full size: a JVM whose heap
 * cannot hold its full-size pixels (5119 x 3839 x 3 bytes = 59 MB) prepares it all the same.
 */
class SmallHeapTest {
    private static final List<String> SMALL_HEAP = List.of("-Xmx48m", "-Djava.awt.headless=true");

    @Test
    void the_largest_photo_is_prepared_in_a_heap_too_small_for_its_full_size_pixels(@TempDir Path dir) throws Exception {
        Path photo = dir.resolve("large.jpg");
        Files.write(photo, TestPhotos.jpeg(TestPhotos.scene(5119, 3839, 11, 12), 0.9f));

        ChildJvm.Result fullSize = ChildJvm.run(SMALL_HEAP, PrepareOnSmallHeap.class, "decode", photo.toString());
        ChildJvm.Result prepared = ChildJvm.run(SMALL_HEAP, PrepareOnSmallHeap.class, "prepare", photo.toString());

        assertThat(fullSize.exitCode()).as("the heap is too small for a full-size decode: " + fullSize.output())
                .isEqualTo(PrepareOnSmallHeap.OUT_OF_MEMORY);
        assertThat(prepared.exitCode()).as(prepared.output()).isZero();
        assertThat(prepared.output()).contains("prepared 1280x960");
    }
}
