package dev.kisscam.app.provider;

import dev.kisscam.core.domain.PeopleCount;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.port.out.MediaReader;
import dev.kisscam.core.port.out.PeopleDetector;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts and times each detection as operation {@code detect}; the metrics and their tags are described in
 * {@link ProviderCalls}. Detection happens before a job exists, so it puts no job into the log context.
 * Placed next to the provider (inside any cache), it counts what the provider was really asked.
 */
public final class MeteredPeopleDetector implements PeopleDetector {
    private final PeopleDetector delegate;
    private final ProviderCalls calls;

    public MeteredPeopleDetector(PeopleDetector delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.calls = new ProviderCalls(registry);
    }

    @Override
    public PeopleCount detect(Photo photo, MediaReader media) {
        return calls.measure("detect", () -> delegate.detect(photo, media), count -> "ok");
    }
}
