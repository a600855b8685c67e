package dev.kisscam.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.port.out.PeopleDetectionException;
import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.domain.VideoStyle;
import dev.kisscam.core.domain.Wish;
import dev.kisscam.core.port.out.GenerationRequest;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.service.Kisscam;
import dev.kisscam.core.service.KisscamSettings;
import dev.kisscam.core.testing.FakePeopleDetector;
import dev.kisscam.core.testing.FakeVideoGenerator;
import dev.kisscam.core.testing.InMemoryConsentStore;
import dev.kisscam.core.testing.InMemoryJobStore;
import dev.kisscam.core.testing.InMemoryMediaStore;
import dev.kisscam.core.testing.InMemoryQuota;
import dev.kisscam.core.testing.TestImages;
import dev.kisscam.core.testing.TestVideos;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line over the real core, with the providers faked. */
class GenerateRunTest {
    @TempDir
    Path dir;

    private final FakePeopleDetector detector = new FakePeopleDetector();
    private final FakeVideoGenerator generator = new FakeVideoGenerator();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final PrintStream terminal = new PrintStream(screen, true, StandardCharsets.UTF_8);
    private final ByteArrayOutputStream standardOutput = new ByteArrayOutputStream();
    private final PrintStream result = new PrintStream(standardOutput, true, StandardCharsets.UTF_8);
    private Kisscam core;

    private int generate(Path out, Path... photos) throws InterruptedException {
        return generate(out, Direction.DEFAULT, photos);
    }

    private int generate(Path out, Direction direction, Path... photos) throws InterruptedException {
        var delivery = new TerminalDelivery(terminal, result, out);
        core = Kisscam.builder()
                .mediaStore(new InMemoryMediaStore()).jobStore(new InMemoryJobStore())
                .consentStore(new InMemoryConsentStore()).quota(new InMemoryQuota(10, Duration.ofHours(1)))
                .peopleDetector(detector).videoGenerator(generator).delivery(delivery)
                .build();
        core.start();
        return new GenerateRun(core.intake(), core.control(), core.consent(), delivery, terminal)
                .run(List.of(photos), direction);
    }

    private Path photo(String name, byte[] bytes, int people) throws Exception {
        detector.sees(bytes, people);
        return Files.write(dir.resolve(name), bytes);
    }

    @AfterEach
    void stop() {
        if (core != null) {
            core.close();
        }
    }

    @Test
    void the_style_and_the_wish_given_reach_the_video_generator() throws Exception {
        Path photo = photo("us.jpg", TestImages.jpeg(800, 600, 6), 2);
        Direction direction = GenerateRun.direction("Cinematic", " on a beach\n at night ", KisscamSettings.STYLES,
                terminal).orElseThrow();

        assertThat(generate(dir.resolve("kiss.mp4"), direction, photo)).isEqualTo(GenerateRun.WRITTEN);

        assertThat(generator.submissions()).singleElement().extracting(GenerationRequest::direction)
                .isEqualTo(new Direction(new VideoStyle("cinematic"), Wish.from("on a beach at night")));
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("Style: cinematic; wish: “on a beach at night”.");
    }

    @Test
    void without_a_style_the_video_is_made_in_the_first_style_and_without_a_wish() throws Exception {
        Path photo = photo("us.jpg", TestImages.jpeg(800, 600, 7), 2);
        Direction direction = GenerateRun.direction(null, "   ", KisscamSettings.STYLES, terminal).orElseThrow();

        assertThat(generate(dir.resolve("kiss.mp4"), direction, photo)).isEqualTo(GenerateRun.WRITTEN);

        assertThat(generator.submissions().getFirst().direction())
                .isEqualTo(new Direction(VideoStyle.GENTLE, Optional.empty()));
    }

    @Test
    void a_forbidden_wish_is_refused_before_the_photos_are_looked_at() throws Exception {
        Path photo = photo("us.jpg", TestImages.jpeg(800, 600, 8), 2);
        Direction direction = GenerateRun.direction(null, "make them naked", KisscamSettings.STYLES, terminal)
                .orElseThrow();

        assertThat(generate(dir.resolve("kiss.mp4"), direction, photo)).isEqualTo(GenerateRun.REFUSED);

        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("Refused: the wish asks for nudity, which is never made");
        assertThat(detector.calls()).isZero();
        assertThat(generator.submissions()).isEmpty();
        assertThat(dir.resolve("kiss.mp4")).doesNotExist();
    }

    @Test
    void an_unknown_style_is_named_with_the_styles_there_are() {
        assertThat(GenerateRun.direction("underwater", null, KisscamSettings.STYLES, terminal)).isEmpty();
        assertThat(GenerateRun.direction("Rain Dance!", null, KisscamSettings.STYLES, terminal)).isEmpty();

        assertThat(screen.toString(StandardCharsets.UTF_8))
                .contains("there is no style \"underwater\"; choose one of: gentle, cinematic, sunset, rain, snow,"
                        + " cheek-kiss, forehead-kiss, hug-then-kiss.")
                .contains("there is no style \"Rain Dance!\"");
    }

    @Test
    void a_photo_of_two_becomes_an_mp4_file_with_a_progress_bar_on_the_way() throws Exception {
        Path photo = photo("us.jpg", TestImages.jpeg(800, 600, 1), 2);
        Path out = dir.resolve("out/kiss.mp4");

        int exit = generate(out, photo);

        assertThat(exit).isEqualTo(GenerateRun.WRITTEN);
        assertThat(Files.readAllBytes(out)).isEqualTo(TestVideos.minimalMp4());
        assertThat(screen.toString(StandardCharsets.UTF_8))
                .contains("Generating [##########----------] 50 %")
                .contains("Video written to " + out);
        // Standard output holds the result alone, for a script: out=$(kisscam generate ...)
        assertThat(standardOutput.toString(StandardCharsets.UTF_8)).isEqualTo(out + System.lineSeparator());
        try (var leftovers = Files.list(out.getParent())) {
            assertThat(leftovers).containsExactly(out);
        }
    }

    @Test
    void two_photos_of_one_person_each_are_paired() throws Exception {
        Path first = photo("a.jpg", TestImages.jpeg(600, 800, 2), 1);
        Path second = photo("b.png", TestImages.png(600, 800, 3), 1);

        assertThat(generate(dir.resolve("kiss.mp4"), first, second)).isEqualTo(GenerateRun.WRITTEN);
        assertThat(generator.submissions().getFirst().photos()).hasSize(2);
    }

    @Test
    void a_refusal_exits_non_zero_and_says_why() throws Exception {
        Path pdf = Files.write(dir.resolve("scan.jpg"), TestImages.pdf());

        assertThat(generate(dir.resolve("kiss.mp4"), pdf)).isEqualTo(GenerateRun.REFUSED);
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("Refused: the file is PDF, not a photo");
        assertThat(standardOutput.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(dir.resolve("kiss.mp4")).doesNotExist();
    }

    @Test
    void one_person_alone_is_refused_with_a_hint() throws Exception {
        Path alone = photo("me.jpg", TestImages.jpeg(800, 600, 4), 1);

        assertThat(generate(dir.resolve("kiss.mp4"), alone)).isEqualTo(GenerateRun.REFUSED);
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("give a second photo of the other person");
    }

    @Test
    void a_provider_failure_exits_non_zero_and_says_why() throws Exception {
        generator.thenAnswer(new GenerationStatus.Blocked("respect_moderation=false", Spend.none("v")));
        Path photo = photo("us.jpg", TestImages.jpeg(800, 600, 5), 2);

        assertThat(generate(dir.resolve("kiss.mp4"), photo)).isEqualTo(GenerateRun.FAILED);
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("blocked by the provider's moderation");
    }

    @Test
    void a_provider_that_cannot_be_reached_is_status_4_in_words_without_an_internal_code() throws Exception {
        detector.failWith(new PeopleDetectionException(ProviderFault.UNAVAILABLE,
                "could not reach xAI vision: ConnectException: Connection refused", null));
        Path photo = Files.write(dir.resolve("us.jpg"), TestImages.jpeg(800, 600, 6));

        assertThat(generate(dir.resolve("kiss.mp4"), photo)).isEqualTo(GenerateRun.FAILED);
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("xAI cannot be reached or is busy")
                .doesNotContain("SERVICE_BUSY");
    }

    @Test
    void only_what_the_photos_show_is_status_3() {
        assertThat(GenerateRun.exitStatus(new Refusal.NoPeople())).isEqualTo(GenerateRun.REFUSED);
        assertThat(GenerateRun.exitStatus(new Refusal.ServiceUnavailable(FailureCode.SERVICE_NOT_AVAILABLE)))
                .isEqualTo(GenerateRun.FAILED);
        assertThat(GenerateRun.exitStatus(new Refusal.TooManyPhotos(3, 2))).isEqualTo(GenerateRun.BAD_ARGUMENTS);
    }
}
