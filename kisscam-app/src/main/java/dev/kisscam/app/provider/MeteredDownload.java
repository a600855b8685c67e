package dev.kisscam.app.provider;

import java.io.InputStream;

/**
 * Counts a video download when it ends rather than when it opens: most downloads that fail, fail part-way,
 * and the time that matters is the whole transfer.
 */
final class MeteredDownload extends WatchedDownload {
    private final ProviderCalls.Call call;

    MeteredDownload(InputStream source, ProviderCalls.Call call) {
        super(source);
        this.call = call;
    }

    @Override
    protected void ended() {
        call.end("ok");
    }

    @Override
    protected void failed(Exception failure) {
        call.failed(failure);
    }

    @Override
    protected void abandoned() {
        call.end("abandoned");
    }
}
