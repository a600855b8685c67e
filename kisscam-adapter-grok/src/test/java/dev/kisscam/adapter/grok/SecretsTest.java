package dev.kisscam.adapter.grok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.testing.InMemoryMediaStore;
import dev.kisscam.core.testing.TestImages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The key never leaves in a message, a log line or a provider's echo of it. */
class SecretsTest {
    private final FakeXai xai = new FakeXai();
    private final InMemoryMediaStore media = new InMemoryMediaStore();

    @AfterEach
    void stop() {
        xai.close();
    }

    @Test
    void no_failure_message_or_log_line_carries_the_key_even_when_the_provider_echoes_it() {
        xai.api.enqueue(FakeXai.grpcError(401, "Unauthenticated", "Invalid key " + FakeXai.KEY));
        xai.api.enqueue(FakeXai.openAiError(500, "upstream said " + FakeXai.KEY, "server_error", FakeXai.KEY));
        xai.api.enqueue(FakeXai.openAiError(500, "upstream said " + FakeXai.KEY, "server_error", FakeXai.KEY));
        xai.api.enqueue(FakeXai.openAiError(500, "upstream said " + FakeXai.KEY, "server_error", FakeXai.KEY));
        xai.api.enqueue(FakeXai.failed("internal_error", "job for key " + FakeXai.KEY + " failed"));
        xai.api.enqueue(FakeXai.completion("{\"people\": \"" + FakeXai.KEY + "\"}", 1));
        List<String> texts = new ArrayList<>();
        try (var logs = new LogRecorder(); GrokAdapters adapters = xai.adapters()) {
            var photo = TestPhotos.store(media, TestImages.jpeg(320, 240, 2), dev.kisscam.core.domain.ImageFormat.JPEG, 320, 240);
            var ticket = new GenerationTicket("req-s");

            texts.add(messages(catchThrowable(() -> adapters.peopleDetector().detect(photo, media))));
            texts.add(messages(catchThrowable(() -> adapters.videoGenerator().poll(ticket))));
            GenerationStatus failed = adapters.videoGenerator().poll(ticket);
            texts.add(failed.toString());
            texts.add(messages(catchThrowable(() -> adapters.peopleDetector().detect(photo, media))));
            texts.addAll(logs.lines());
        }

        assertThat(texts).hasSizeGreaterThan(4).noneMatch(text -> text.contains(FakeXai.KEY));
        assertThat(String.join("\n", texts)).contains("Invalid key ***", "job for key *** failed");
    }

    private static String messages(Throwable e) {
        assertThat(e).isNotNull();
        var all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
