package dev.kisscam.adapter.grok;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import okhttp3.HttpUrl;
import okhttp3.ResponseBody;

/**
 * Opens a finished video for streaming: the URL must be http(s) (https when the API is), the file must start
 * with an MP4 {@code ftyp} box, and the stream fails once it passes the size limit, so a wrong or endless
 * answer never fills the media store.
 */
final class VideoDownload {
    private static final byte[] FTYP = "ftyp".getBytes(StandardCharsets.US_ASCII);
    private static final int HEAD = 8;

    private final XaiClient client;
    private final boolean requireHttps;
    private final long maxBytes;

    VideoDownload(XaiClient client, boolean requireHttps, long maxBytes) {
        this.client = client;
        this.requireHttps = requireHttps;
        this.maxBytes = maxBytes;
    }

    InputStream open(String location) {
        HttpUrl url = HttpUrl.parse(location);
        if (url == null || (requireHttps && !url.isHttps())) {
            throw XaiFailure.invalidResponse(Endpoint.VIDEO, "the video location is not a usable URL");
        }
        ResponseBody file = client.openFile(url);
        if (file.contentLength() > maxBytes) {
            file.close();
            throw XaiFailure.invalidResponse(Endpoint.VIDEO_DOWNLOAD,
                    "the video has " + file.contentLength() + " bytes, more than the limit of " + maxBytes);
        }
        InputStream body = file.byteStream();
        try {
            byte[] head = body.readNBytes(HEAD);
            if (head.length < HEAD || !Arrays.equals(head, 4, HEAD, FTYP, 0, FTYP.length)) {
                throw XaiFailure.invalidResponse(Endpoint.VIDEO_DOWNLOAD, "the file does not start like an MP4");
            }
            return new Capped(new SequenceInputStream(new ByteArrayInputStream(head), body), body, maxBytes);
        } catch (IOException e) {
            closeQuietly(body);
            throw XaiFailure.answerLost(Endpoint.VIDEO_DOWNLOAD, Repeat.SAFE, "the download broke off: " + e.getMessage(), e);
        } catch (XaiFailure e) {
            closeQuietly(body);
            throw e;
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Already failing for a better reason.
        }
    }

    /** Counts what passes and fails the read that goes beyond the limit. */
    private static final class Capped extends FilterInputStream {
        private final InputStream connection;
        private final long limit;
        private long count;

        Capped(InputStream content, InputStream connection, long limit) {
            super(content);
            this.connection = connection;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                connection.close();
            }
        }

        private void counted(long n) throws IOException {
            count += n;
            if (count > limit) {
                throw new IOException("the video exceeds the limit of " + limit + " bytes");
            }
        }
    }
}
