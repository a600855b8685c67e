package dev.kisscam.app.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.kisscam.core.testing.TestVideos;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file host under {@code /files}: a finished, unblocked generation's video as a small MP4. Like xAI's
 * file host it asks for no key, so the adapter never has to send one there.
 */
final class VideoFiles implements HttpHandler {
    static final String PATH = "/files/";
    private static final Pattern VIDEO = Pattern.compile(Pattern.quote(PATH) + "([A-Za-z0-9-]{1,128})\\.mp4");

    private final VideoJobs jobs;
    private final byte[] video = TestVideos.minimalMp4();
    private final AtomicInteger downloads = new AtomicInteger();

    VideoFiles(VideoJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            reply(exchange.getRequestMethod(), exchange.getRequestURI().getPath()).send(exchange);
        }
    }

    int downloads() {
        return downloads.get();
    }

    private Reply reply(String method, String path) {
        Matcher file = VIDEO.matcher(path);
        if (!"GET".equals(method) || !file.matches() || !jobs.hasVideo(file.group(1))) {
            return Reply.error(404, "not_found", "no such file");
        }
        downloads.incrementAndGet();
        return Reply.file("video/mp4", video);
    }
}
