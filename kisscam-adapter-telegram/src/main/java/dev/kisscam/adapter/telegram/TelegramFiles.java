package dev.kisscam.adapter.telegram;

import dev.kisscam.core.port.in.ContentSource;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.objects.File;

/**
 * Fetches a user's file: {@code getFile}, then {@code <base>/file/bot<token>/<file_path>}. The library's own
 * download helper always uses api.telegram.org, so it cannot serve a configured base URL.
 */
final class TelegramFiles {
    private final BotApi api;
    private final OkHttpClient http;
    private final HttpUrl fileBase;
    private final long maxBytes;
    private final int maxAttempts;
    private final Duration retryPause;

    TelegramFiles(BotApi api, OkHttpClient http, TelegramConfig config) {
        this.api = api;
        this.http = http;
        this.fileBase = HttpUrl.get(config.apiUrl().toString()).newBuilder()
                .encodedPath("/").addPathSegment("file").addPathSegment("bot" + config.botToken()).build();
        this.maxBytes = config.maxDownloadBytes();
        this.maxAttempts = config.maxAttempts();
        this.retryPause = config.retryPause();
    }

    long maxBytes() {
        return maxBytes;
    }

    /** The file's bytes, fetched only when the core opens them (it reads nothing until the user consented). */
    ContentSource source(String fileId) {
        return () -> open(fileId);
    }

    private InputStream open(String fileId) throws IOException {
        File file;
        try {
            file = api.call(FloodControl.Turn.botWide(FloodControl.Priority.ANSWER), GetFile.builder().fileId(fileId).build());
        } catch (TelegramCallException e) {
            throw new IOException("getFile failed: " + e.getMessage(), e);
        }
        if (file.getFileSize() != null && file.getFileSize() > maxBytes) {
            throw new IOException("the file has " + file.getFileSize() + " bytes, more than " + maxBytes);
        }
        if (file.getFilePath() == null) {
            throw new IOException("getFile gave no file_path");
        }
        HttpUrl url = fileBase.newBuilder().addPathSegments(file.getFilePath()).build();
        return download(url);
    }

    private InputStream download(HttpUrl url) throws IOException {
        Duration pause = retryPause;
        for (int attempt = 1; ; attempt++) {
            Response response;
            try {
                response = http.newCall(new Request.Builder().url(url).get().build()).execute();
            } catch (IOException e) {
                if (attempt >= maxAttempts) {
                    throw new IOException("the file download failed: " + api.redaction().scrub(e.getMessage()),
                            api.redaction().scrub(e));
                }
                pause = pause(pause);
                continue;
            }
            if (response.isSuccessful()) {
                // Closing the body's stream releases the response.
                return response.body().byteStream();
            }
            int code = response.code();
            response.close();
            if (code < 500 || attempt >= maxAttempts) {
                throw new IOException("the file download answered HTTP " + code);
            }
            pause = pause(pause);
        }
    }

    /** Waits {@code pause} and returns the next, longer one. */
    private static Duration pause(Duration pause) throws IOException {
        try {
            Thread.sleep(pause);
            return pause.multipliedBy(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to retry a download");
        }
    }
}
