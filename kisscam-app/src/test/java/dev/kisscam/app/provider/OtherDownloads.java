package dev.kisscam.app.provider;

import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.port.out.GenerationRequest;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.MediaReader;
import dev.kisscam.core.port.out.PollingPolicy;
import dev.kisscam.core.port.out.VideoGenerator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.function.Function;

/** A provider whose downloads are replaced, to see how a decorator takes a download that goes wrong. */
record OtherDownloads(VideoGenerator provider, Function<GenerationStatus.Ready, InputStream> download)
        implements VideoGenerator {

    /** The first {@code bytes} bytes of {@code video}, then the read fails as a dropped connection does. */
    static InputStream breakingAfter(byte[] video, int bytes) {
        return new SequenceInputStream(new ByteArrayInputStream(Arrays.copyOf(video, bytes)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });
    }

    @Override
    public GenerationTicket submit(GenerationRequest request, MediaReader media) {
        return provider.submit(request, media);
    }

    @Override
    public GenerationStatus poll(GenerationTicket ticket) {
        return provider.poll(ticket);
    }

    @Override
    public InputStream openVideo(GenerationStatus.Ready ready) {
        return download.apply(ready);
    }

    @Override
    public PollingPolicy pollingPolicy() {
        return provider.pollingPolicy();
    }
}
