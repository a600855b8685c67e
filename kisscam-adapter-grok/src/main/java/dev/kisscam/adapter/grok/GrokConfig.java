package dev.kisscam.adapter.grok;

import dev.kisscam.core.domain.InvalidConfiguration;
import dev.kisscam.core.domain.VideoStyle;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the Grok adapter needs, immutable, with its defaults and its rules. Build it with
 * {@link #builder(String)} (or {@link #defaults(String)}); a value that breaks a rule makes construction fail
 * with {@link Invalid}, which lists every broken rule at once and names each by the environment variable an
 * operator sets. {@link #toString()} never shows the secrets.
 *
 * @param baseUrl {@value #GROK_API_URL}, the API root, {@code https://api.x.ai/v1} by default
 * @param apiKey {@value #GROK_API_KEY}, sent as a bearer token to the API host, and nowhere else
 * @param userHashSecret {@value #GROK_USER_HASH_SECRET}, keys the hash sent as {@code user}, so the provider sees
 *     a stable but opaque id per requester; defaults to the API key, which keeps ids stable but lets whoever knows
 *     the key test guesses
 * @param visionModel {@value #GROK_VISION_MODEL}
 * @param videoModel {@value #GROK_VIDEO_MODEL}, one of {@link #VIDEO_MODELS}
 * @param twoPhotoMode {@value #GROK_TWO_PHOTO_MODE}: how two photos of one person each are sent
 * @param generateAudio {@value #GROK_GENERATE_AUDIO}: whether the video gets a sound track (soft music, no speech)
 * @param stylePrompts each style id's fragment of the prompt: the built-in styles' and those an operator added
 * @param durationSeconds {@value #VIDEO_DURATION}, length of the video, 1..15 (at most 10 for two reference photos)
 * @param resolution {@value #VIDEO_RESOLUTION}: {@code 480p}, {@code 720p} or {@code 1080p}, as the model offers
 *     (at most 720p for two reference photos)
 * @param pollInterval {@value #GROK_POLL_INTERVAL}, how often the core should poll a running generation
 * @param generationTimeout {@value #GROK_GENERATION_TIMEOUT}, when the core should give up on a running generation
 * @param maxImageSide the long side of any image sent, in pixels; larger photos are scaled down
 * @param maxConcurrentDecodes how many photos are decoded at once; more wait their turn. Each holds less than
 *     4 x {@code maxImageSide}² x 3 bytes of decoded pixels (under 20 MiB at 1280 px) until it is encoded
 * @param maxVideoBytes a downloaded video larger than this fails
 * @param rateLimit calls to the API from this process, submissions of videos aside;
 *     {@value #GROK_REQUESTS_PER_SECOND} sets it per second
 * @param submitsPerSecond {@value #GROK_SUBMITS_PER_SECOND}: video submissions per second from this process, paced
 *     evenly and apart from every other call, so that polls never take a submission's turn
 */
public record GrokConfig(
        URI baseUrl,
        String apiKey,
        String userHashSecret,
        String visionModel,
        String videoModel,
        TwoPhotoMode twoPhotoMode,
        boolean generateAudio,
        Map<String, String> stylePrompts,
        int durationSeconds,
        String resolution,
        Duration pollInterval,
        Duration generationTimeout,
        Timeouts timeouts,
        int maxImageSide,
        int maxConcurrentDecodes,
        long maxVideoBytes,
        RetrySettings retry,
        BreakerSettings circuitBreaker,
        RateLimitSettings rateLimit,
        int submitsPerSecond) {

    public static final String GROK_API_KEY = "GROK_API_KEY";
    public static final String GROK_API_URL = "GROK_API_URL";
    public static final String GROK_USER_HASH_SECRET = "GROK_USER_HASH_SECRET";
    public static final String GROK_VISION_MODEL = "GROK_VISION_MODEL";
    public static final String GROK_VIDEO_MODEL = "GROK_VIDEO_MODEL";
    public static final String VIDEO_DURATION = "VIDEO_DURATION";
    public static final String VIDEO_RESOLUTION = "VIDEO_RESOLUTION";
    public static final String GROK_POLL_INTERVAL = "GROK_POLL_INTERVAL";
    public static final String GROK_GENERATION_TIMEOUT = "GROK_GENERATION_TIMEOUT";
    public static final String GROK_REQUESTS_PER_SECOND = "GROK_REQUESTS_PER_SECOND";
    public static final String GROK_SUBMITS_PER_SECOND = "GROK_SUBMITS_PER_SECOND";
    public static final String GROK_TWO_PHOTO_MODE = "GROK_TWO_PHOTO_MODE";
    public static final String GROK_GENERATE_AUDIO = "GROK_GENERATE_AUDIO";

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.x.ai/v1");
    public static final String DEFAULT_VISION_MODEL = "grok-4.3";
    public static final String DEFAULT_VIDEO_MODEL = "grok-imagine-video";
    /** The video models this adapter knows, with their resolutions and prices; another name is refused. */
    public static final List<String> VIDEO_MODELS = List.copyOf(VideoModel.KNOWN.keySet());
    /** What the video API takes; 1080p only on newer video models. */
    public static final List<String> RESOLUTIONS = List.of("480p", "720p", "1080p");
    /** The most xAI takes with reference images: longer or sharper jobs of two photos are clamped to it. */
    public static final int REFERENCE_MAX_DURATION_SECONDS = 10;
    public static final String REFERENCE_MAX_RESOLUTION = "720p";
    /** A style's fragment is a phrase, not a prompt of its own. */
    public static final int MAX_STYLE_PROMPT_LENGTH = 300;
    public static final int MIN_DURATION_SECONDS = 1;
    public static final int MAX_DURATION_SECONDS = 15;
    /** Far above any account's rate limit: a larger number is a typo, not a plan. */
    public static final int MAX_REQUESTS_PER_SECOND = 100_000;
    /** Two decodes per core keep the cores busy while one of them waits on memory; photos rarely come faster. */
    public static final int DEFAULT_MAX_CONCURRENT_DECODES = 2 * Runtime.getRuntime().availableProcessors();

    public GrokConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(generationTimeout, "generationTimeout");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(circuitBreaker, "circuitBreaker");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(twoPhotoMode, "twoPhotoMode");
        stylePrompts = Collections.unmodifiableMap(new LinkedHashMap<>(stylePrompts));
        var problems = new ArrayList<String>();
        if (!baseUrl.isAbsolute() || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))
                || baseUrl.getHost() == null) {
            problems.add(GROK_API_URL + " must be an http(s) URL, was '" + baseUrl + "'");
        }
        // Neither secret is ever quoted: a problem ends up on a terminal and in logs.
        if (isBlank(apiKey)) {
            problems.add(GROK_API_KEY + " is required: the xAI API key");
        } else if (isBlank(userHashSecret)) {
            problems.add(GROK_USER_HASH_SECRET + " must not be blank");
        }
        if (isBlank(visionModel)) {
            problems.add(GROK_VISION_MODEL + " must not be blank");
        }
        Optional<VideoModel> model = VideoModel.named(videoModel);
        if (model.isEmpty()) {
            problems.add(GROK_VIDEO_MODEL + " must be one of " + String.join(", ", VIDEO_MODELS) + ", was '"
                    + videoModel + "'");
        }
        if (durationSeconds < MIN_DURATION_SECONDS || durationSeconds > MAX_DURATION_SECONDS) {
            problems.add(VIDEO_DURATION + " must be between " + MIN_DURATION_SECONDS + " and " + MAX_DURATION_SECONDS
                    + ", was " + durationSeconds);
        }
        if (!RESOLUTIONS.contains(resolution)) {
            problems.add(VIDEO_RESOLUTION + " must be one of " + String.join(", ", RESOLUTIONS)
                    + ", was '" + resolution + "'");
        } else if (model.filter(m -> !m.offers(resolution)).isPresent()) {
            problems.add(VIDEO_RESOLUTION + "=" + resolution + " is not offered by " + GROK_VIDEO_MODEL + "="
                    + videoModel + ", which offers " + String.join(", ", model.get().resolutions())
                    + "; choose one of those or a model that offers " + resolution);
        }
        stylePrompts.forEach((id, prompt) -> problems.addAll(styleProblems(id, prompt)));
        if (submitsPerSecond < 1 || submitsPerSecond > MAX_REQUESTS_PER_SECOND) {
            problems.add(GROK_SUBMITS_PER_SECOND + " must be between 1 and " + MAX_REQUESTS_PER_SECOND + ", was "
                    + submitsPerSecond);
        }
        boolean pollIntervalFits = !pollInterval.isNegative();
        boolean timeoutFits = generationTimeout.isPositive();
        if (!pollIntervalFits) {
            problems.add(GROK_POLL_INTERVAL + " must be at least 0 seconds, was " + seconds(pollInterval));
        }
        if (!timeoutFits) {
            problems.add(GROK_GENERATION_TIMEOUT + " must be more than 0 seconds, was " + seconds(generationTimeout));
        }
        if (pollIntervalFits && timeoutFits && pollInterval.compareTo(generationTimeout) >= 0) {
            problems.add(GROK_POLL_INTERVAL + " must be shorter than " + GROK_GENERATION_TIMEOUT);
        }
        if (maxImageSide < 64 || maxImageSide > 8192) {
            problems.add("the maximum image side is 64..8192 px, was " + maxImageSide);
        }
        if (maxConcurrentDecodes < 1 || maxConcurrentDecodes > 1024) {
            problems.add("concurrent decodes are 1..1024, was " + maxConcurrentDecodes);
        }
        if (maxVideoBytes < 1024) {
            problems.add("the maximum video size must be at least 1 KiB, was " + maxVideoBytes);
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
        }
    }

    /** The defaults with this key: the live API, 480p videos of 6 s, polled every second for up to 10 minutes. */
    public static GrokConfig defaults(String apiKey) {
        return builder(apiKey).build();
    }

    public static Builder builder(String apiKey) {
        return new Builder(apiKey);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether a style's prompt fragment is known: a style without one cannot be made. */
    public boolean wordsStyle(String styleId) {
        return stylePrompts.containsKey(styleId);
    }

    /** Why a style and its fragment cannot be used; empty when they can. */
    public static List<String> styleProblems(String id, String prompt) {
        var problems = new ArrayList<String>();
        try {
            if (new VideoStyle(id).equals(VideoStyle.DEFAULT)) {
                problems.add("the style id '" + id + "' is reserved: it stands for the first style");
            }
        } catch (IllegalArgumentException | NullPointerException badId) {
            problems.add("the style id '" + id + "' must be 1 to 32 lower-case letters, digits or dashes");
        }
        if (isBlank(prompt)) {
            problems.add("the style '" + id + "' needs a prompt");
        } else if (prompt.length() > MAX_STYLE_PROMPT_LENGTH || prompt.codePoints().anyMatch(Character::isISOControl)) {
            problems.add("the prompt of style '" + id + "' must be one line of at most " + MAX_STYLE_PROMPT_LENGTH
                    + " characters");
        }
        return problems;
    }

    /** The model's price list; the configuration only holds known models. */
    VideoModel model() {
        return VideoModel.named(videoModel).orElseThrow();
    }

    /** How two photos of one person each are sent. */
    public enum TwoPhotoMode {
        /** Both portraits as {@code reference_images}, named in the prompt: xAI sees each face as it is. */
        REFERENCE("reference"),
        /** One picture of the two side by side, as {@code image}, its first frame. */
        COLLAGE("collage");

        private final String word;

        TwoPhotoMode(String word) {
            this.word = word;
        }

        /** As an operator writes it. */
        public String word() {
            return word;
        }
    }

    @Override
    public String toString() {
        return "GrokConfig[baseUrl=" + baseUrl + ", apiKey=***, userHashSecret=***, visionModel=" + visionModel
                + ", videoModel=" + videoModel + ", twoPhotoMode=" + twoPhotoMode + ", generateAudio=" + generateAudio
                + ", styles=" + stylePrompts.keySet()
                + ", durationSeconds=" + durationSeconds + ", resolution=" + resolution
                + ", pollInterval=" + pollInterval + ", generationTimeout=" + generationTimeout
                + ", timeouts=" + timeouts + ", maxImageSide=" + maxImageSide
                + ", maxConcurrentDecodes=" + maxConcurrentDecodes + ", maxVideoBytes=" + maxVideoBytes
                + ", retry=" + retry + ", circuitBreaker=" + circuitBreaker + ", rateLimit=" + rateLimit
                + ", submitsPerSecond=" + submitsPerSecond + "]";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** As an operator writes it: {@code 1.5}, not {@code PT1.5S}. */
    private static String seconds(Duration duration) {
        return new BigDecimal(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }

    private static void requirePositive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (!value.isPositive()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
    }

    /**
     * @param connect to open a connection
     * @param read between two bytes of an answer
     * @param call a whole API call, from connecting to the last byte of the answer
     * @param download a whole video download
     */
    public record Timeouts(Duration connect, Duration read, Duration call, Duration download) {
        public static final Timeouts DEFAULT =
                new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofMinutes(5));

        public Timeouts {
            requirePositive(connect, "the connect timeout");
            requirePositive(read, "the read timeout");
            requirePositive(call, "the call timeout");
            requirePositive(download, "the download timeout");
        }
    }

    /**
     * Retries of calls that failed in a way a retry can mend (connection failures, 408, 429, 5xx).
     *
     * @param maxAttempts attempts in all, the first one included
     * @param initialBackoff the first wait; each later one doubles, up to {@code maxBackoff}, give or take half
     * @param retryAfterLimit the longest {@code Retry-After} honoured; asked to wait longer, the call fails at once
     */
    public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration retryAfterLimit) {
        public static final RetrySettings DEFAULT =
                new RetrySettings(3, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(30));

        public RetrySettings {
            if (maxAttempts < 1 || maxAttempts > 10) {
                throw new IllegalArgumentException("retry attempts are 1..10, was " + maxAttempts);
            }
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(retryAfterLimit, "retryAfterLimit");
            if (initialBackoff.toMillis() < 1 || maxBackoff.compareTo(initialBackoff) < 0 || retryAfterLimit.isNegative()) {
                throw new IllegalArgumentException("back-off must be >= 1 ms, its maximum >= its start, the Retry-After limit >= 0");
            }
        }
    }

    /**
     * One circuit breaker per endpoint family opens when {@code failureRatePercent} of the last
     * {@code windowSize} calls (at least {@code minimumCalls}) failed, and stays open for {@code openFor}.
     */
    public record BreakerSettings(float failureRatePercent, int windowSize, int minimumCalls, Duration openFor) {
        public static final BreakerSettings DEFAULT = new BreakerSettings(50, 20, 10, Duration.ofSeconds(30));

        public BreakerSettings {
            if (!(failureRatePercent > 0 && failureRatePercent <= 100) || windowSize < 1 || minimumCalls < 1) {
                throw new IllegalArgumentException("failure rate 0..100 %, window and minimum calls >= 1");
            }
            requirePositive(openFor, "the open duration");
        }
    }

    /** At most {@code permits} API calls per {@code period}; a call waits up to {@code maxWait} for a permit. */
    public record RateLimitSettings(int permits, Duration period, Duration maxWait) {
        public static final RateLimitSettings DEFAULT = new RateLimitSettings(10, Duration.ofSeconds(1), Duration.ofSeconds(30));

        public RateLimitSettings {
            if (permits < 1) {
                throw new IllegalArgumentException("at least one permit per period");
            }
            requirePositive(period, "the rate limit period");
            Objects.requireNonNull(maxWait, "maxWait");
            if (maxWait.isNegative()) {
                throw new IllegalArgumentException("the rate limit wait must be >= 0");
            }
        }
    }

    /** Starts from the defaults; every setter replaces one value. */
    public static final class Builder {
        private URI baseUrl = DEFAULT_BASE_URL;
        private String apiKey;
        private String userHashSecret;
        private String visionModel = DEFAULT_VISION_MODEL;
        private String videoModel = DEFAULT_VIDEO_MODEL;
        private TwoPhotoMode twoPhotoMode = TwoPhotoMode.REFERENCE;
        private boolean generateAudio = true;
        private final Map<String, String> stylePrompts = new LinkedHashMap<>(StylePrompts.BUILT_IN);
        private int submitsPerSecond = 1;
        private int durationSeconds = 6;
        private String resolution = RESOLUTIONS.getFirst();
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration generationTimeout = Duration.ofSeconds(600);
        private Timeouts timeouts = Timeouts.DEFAULT;
        private int maxImageSide = 1280;
        private int maxConcurrentDecodes = DEFAULT_MAX_CONCURRENT_DECODES;
        private long maxVideoBytes = 50L * 1024 * 1024;
        private RetrySettings retry = RetrySettings.DEFAULT;
        private BreakerSettings circuitBreaker = BreakerSettings.DEFAULT;
        private RateLimitSettings rateLimit = RateLimitSettings.DEFAULT;
        /** Replaces the permits and period of {@link #rateLimit} when set; checked, like the rest, in build(). */
        private Integer requestsPerSecond;

        private Builder(String apiKey) {
            this.apiKey = apiKey;
        }

        private Builder(GrokConfig config) {
            baseUrl = config.baseUrl;
            apiKey = config.apiKey;
            // A secret that merely defaulted to the key follows a new key.
            userHashSecret = config.userHashSecret.equals(config.apiKey) ? null : config.userHashSecret;
            visionModel = config.visionModel;
            videoModel = config.videoModel;
            twoPhotoMode = config.twoPhotoMode;
            generateAudio = config.generateAudio;
            stylePrompts.clear();
            stylePrompts.putAll(config.stylePrompts);
            submitsPerSecond = config.submitsPerSecond;
            durationSeconds = config.durationSeconds;
            resolution = config.resolution;
            pollInterval = config.pollInterval;
            generationTimeout = config.generationTimeout;
            timeouts = config.timeouts;
            maxImageSide = config.maxImageSide;
            maxConcurrentDecodes = config.maxConcurrentDecodes;
            maxVideoBytes = config.maxVideoBytes;
            retry = config.retry;
            circuitBreaker = config.circuitBreaker;
            rateLimit = config.rateLimit;
        }

        public Builder baseUrl(URI value) {
            baseUrl = value;
            return this;
        }

        public Builder apiKey(String value) {
            apiKey = value;
            return this;
        }

        public Builder userHashSecret(String value) {
            userHashSecret = value;
            return this;
        }

        public Builder visionModel(String value) {
            visionModel = value;
            return this;
        }

        public Builder videoModel(String value) {
            videoModel = value;
            return this;
        }

        public Builder twoPhotoMode(TwoPhotoMode value) {
            twoPhotoMode = value;
            return this;
        }

        public Builder generateAudio(boolean value) {
            generateAudio = value;
            return this;
        }

        /** Adds a style, or rewords a built-in one: {@code prompt} says how the kiss looks in it. */
        public Builder stylePrompt(String id, String prompt) {
            stylePrompts.put(id, prompt);
            return this;
        }

        /** At most this many video submissions per second, one every 1/n s. */
        public Builder submitsPerSecond(int value) {
            submitsPerSecond = value;
            return this;
        }

        public Builder durationSeconds(int value) {
            durationSeconds = value;
            return this;
        }

        public Builder resolution(String value) {
            resolution = value;
            return this;
        }

        public Builder pollInterval(Duration value) {
            pollInterval = value;
            return this;
        }

        public Builder generationTimeout(Duration value) {
            generationTimeout = value;
            return this;
        }

        public Builder timeouts(Timeouts value) {
            timeouts = value;
            return this;
        }

        public Builder maxImageSide(int value) {
            maxImageSide = value;
            return this;
        }

        public Builder maxConcurrentDecodes(int value) {
            maxConcurrentDecodes = value;
            return this;
        }

        public Builder maxVideoBytes(long value) {
            maxVideoBytes = value;
            return this;
        }

        public Builder retry(RetrySettings value) {
            retry = value;
            return this;
        }

        public Builder circuitBreaker(BreakerSettings value) {
            circuitBreaker = value;
            return this;
        }

        public Builder rateLimit(RateLimitSettings value) {
            rateLimit = value;
            requestsPerSecond = null;
            return this;
        }

        /** At most this many calls per second, keeping the rate limit's wait for a permit. */
        public Builder requestsPerSecond(int value) {
            requestsPerSecond = value;
            return this;
        }

        /** The configuration, or {@link Invalid} with every rule these values break. */
        public GrokConfig build() {
            var problems = new ArrayList<String>();
            RateLimitSettings limit = rateLimit;
            if (requestsPerSecond != null) {
                if (requestsPerSecond < 1 || requestsPerSecond > MAX_REQUESTS_PER_SECOND) {
                    problems.add(GROK_REQUESTS_PER_SECOND + " must be between 1 and " + MAX_REQUESTS_PER_SECOND
                            + ", was " + requestsPerSecond);
                } else {
                    limit = new RateLimitSettings(requestsPerSecond, Duration.ofSeconds(1), rateLimit.maxWait());
                }
            }
            try {
                GrokConfig config = new GrokConfig(baseUrl, apiKey, userHashSecret == null ? apiKey : userHashSecret,
                        visionModel, videoModel, twoPhotoMode, generateAudio, stylePrompts, durationSeconds,
                        resolution, pollInterval, generationTimeout, timeouts, maxImageSide, maxConcurrentDecodes,
                        maxVideoBytes, retry, circuitBreaker, limit, submitsPerSecond);
                if (problems.isEmpty()) {
                    return config;
                }
            } catch (InvalidConfiguration invalid) {
                problems.addAll(invalid.problems());
            }
            throw new InvalidConfiguration(problems);
        }

        @Override
        public String toString() {
            return "GrokConfig.Builder (secrets not shown)";
        }
    }
}
