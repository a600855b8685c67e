package dev.kisscam.adapter.grok;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kisscam.core.port.out.PeopleDetector;
import dev.kisscam.core.port.out.VideoGenerator;
import java.time.Clock;
import okhttp3.OkHttpClient;

/**
 * The Grok adapter's front door: builds the people detector and the video generator over one HTTP client,
 * one rate limiter and one circuit breaker per endpoint family, and shows their health. Close it when the
 * program stops.
 */
public final class GrokAdapters implements AutoCloseable {
    private final OkHttpClient http;
    private final Resilience resilience;
    private final DecodeSlots decodeSlots;
    private final PeopleDetector peopleDetector;
    private final VideoGenerator videoGenerator;
    private final GrokHealth health;
    private final ApiKeyCheck keyCheck;

    /** What xAI says of the configured API key. */
    public sealed interface KeyStatus {
        /** xAI knows the key, and neither it nor its team is blocked. */
        record Usable() implements KeyStatus {
        }

        /** xAI refuses the key (unknown, blocked, disabled, or its team blocked): only an operator can mend it. */
        record Refused(String why) implements KeyStatus {
        }

        /** No answer that says either way (xAI unreachable, or failing): the key may well be fine. */
        record Unanswered(String why) implements KeyStatus {
        }
    }

    private GrokAdapters(GrokConfig config, Pace.Source paces, Clock clock, PixelCodec codec) {
        GrokConfig.Timeouts timeouts = config.timeouts();
        this.http = new OkHttpClient.Builder()
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.read())
                .writeTimeout(timeouts.read())
                .callTimeout(timeouts.call())
                // An API answer is never a redirect; a redirect would also carry the key to wherever it points.
                .followRedirects(false)
                .build();
        OkHttpClient files = http.newBuilder().followRedirects(true).callTimeout(timeouts.download()).build();
        this.resilience = new Resilience(config, paces);
        var client = new XaiClient(http, files, config, json(), resilience,
                new Secrets(config.apiKey(), config.userHashSecret()), clock);
        this.decodeSlots = new DecodeSlots(config.maxConcurrentDecodes());
        var images = new ImagePreparation(config.maxImageSide(), decodeSlots, codec);
        this.peopleDetector = new GrokPeopleDetector(client, images, config.visionModel());
        this.videoGenerator = new GrokVideoGenerator(client, images,
                new VideoDownload(client, "https".equals(config.baseUrl().getScheme()), config.maxVideoBytes()),
                new RequesterHash(config.userHashSecret()), config);
        this.health = new GrokHealth(resilience);
        this.keyCheck = new ApiKeyCheck(client);
    }

    public static GrokAdapters create(GrokConfig config) {
        return create(config, Pace.Source.LOCAL);
    }

    /** @param paces where permits to call xAI come from, when processes sharing one account share its limits */
    public static GrokAdapters create(GrokConfig config, Pace.Source paces) {
        return new GrokAdapters(config, paces, Clock.systemUTC(), PixelCodec.best());
    }

    /** With the pixels decoded and encoded by {@code codec}: to test each the machines may have. */
    static GrokAdapters create(GrokConfig config, PixelCodec codec) {
        return new GrokAdapters(config, Pace.Source.LOCAL, Clock.systemUTC(), codec);
    }

    public PeopleDetector peopleDetector() {
        return peopleDetector;
    }

    public VideoGenerator videoGenerator() {
        return videoGenerator;
    }

    public GrokHealth health() {
        return health;
    }

    /** Asks xAI about the API key once, without retries: for the start of the program. */
    public KeyStatus checkApiKey() {
        return keyCheck.check();
    }

    Resilience resilience() {
        return resilience;
    }

    DecodeSlots decodeSlots() {
        return decodeSlots;
    }

    /** Releases the HTTP client's threads and idle connections; calls in flight finish first. */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** Strict where it matters for reading answers: no duplicate keys, nothing after the value. */
    private static ObjectMapper json() {
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    @Override
    public String toString() {
        return "GrokAdapters[" + peopleDetector + ", " + videoGenerator + "]";
    }
}
