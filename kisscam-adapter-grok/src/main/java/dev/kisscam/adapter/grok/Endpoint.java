package dev.kisscam.adapter.grok;

/**
 * The families of calls that fail together, each with its own circuit breaker and retry: a vision outage
 * does not stop polls, and the video file host is not the API host.
 */
enum Endpoint {
    /** {@code POST /chat/completions}: people detection. */
    VISION("vision", true),
    /** {@code POST /videos/generations} and {@code GET /videos/{id}}: one backend, so one breaker. */
    VIDEO("video", true),
    /** The finished video on xAI's file host: no API key, not counted against the API's rate limit. */
    VIDEO_DOWNLOAD("video-download", false);

    private final String label;
    private final boolean rateLimited;

    Endpoint(String label, boolean rateLimited) {
        this.label = label;
        this.rateLimited = rateLimited;
    }

    String label() {
        return label;
    }

    boolean rateLimited() {
        return rateLimited;
    }
}
