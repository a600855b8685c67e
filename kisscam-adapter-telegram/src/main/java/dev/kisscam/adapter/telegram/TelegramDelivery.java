package dev.kisscam.adapter.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.VideoStyle;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.port.out.Delivery;
import dev.kisscam.core.port.out.DeliveryException;
import dev.kisscam.core.port.out.JobRef;
import dev.kisscam.core.port.out.Video;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.methods.send.SendVideo;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

/**
 * Tells Telegram users how their jobs go: the status message their {@link ReplyAddress} names, edited in
 * place, and the video itself. Only {@link #videoReady} waits for Telegram, and only for the video: status
 * screens go out on their own threads, so the core's threads never wait for an edit.
 * Only {@link #videoReady} throws; every other call logs its failures, as the port asks.
 */
final class TelegramDelivery implements Delivery {
    private static final System.Logger LOG = System.getLogger(TelegramDelivery.class.getName());
    /** The Bot API takes videos of up to 50 MB by upload. */
    static final long MAX_UPLOAD_BYTES = 50L * 1024 * 1024;
    private static final int REMEMBERED_VIDEOS = 1000;

    private final BotApi api;
    private final StatusBoard board;
    private final ChatActions actions;
    private final StyleChoices styles;
    /** The place in line each waiting job's message showed last, to show it again with a new style. */
    private final Cache<JobId, Integer> places = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofDays(1)).maximumSize(100_000).build();
    /**
     * Telegram's file ids of uploaded videos by their content's SHA-256: the same video (sent again, or a copy
     * the repeat rule made) goes again without a second upload.
     */
    private final Map<String, String> uploaded = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_VIDEOS;
        }
    };

    TelegramDelivery(BotApi api, StatusBoard board, ChatActions actions, StyleChoices styles) {
        this.api = api;
        this.board = board;
        this.actions = actions;
        this.styles = styles;
    }

    StyleChoices styles() {
        return styles;
    }

    /**
     * What a job's message shows while it waits: its place in line, or that it starts, and its style when the bot
     * knows it; a Cancel button and a button per style (the default one goes ahead unless another is pressed).
     */
    Screen queued(Texts texts, JobRef job, int queuePosition) {
        places.put(job.id(), queuePosition);
        String text = queuePosition <= 0 ? texts.get("status.starting") : texts.get("status.queued", queuePosition);
        Optional<VideoStyle> style = styles.of(job.id());
        if (style.isPresent()) {
            text += "\n" + texts.get("status.style", styles.label(texts, style.get()));
        }
        var rows = new ArrayList<List<Screen.Button>>();
        rows.add(List.of(cancelButton(texts, job)));
        rows.addAll(styles.restyleRows(texts, job.id()));
        return new Screen(text, rows);
    }

    @Override
    public void queuePosition(JobRef job, int queuePosition) {
        board.forJob(job).update(StatusMessage.Step.queued(queuePosition), queued(texts(job.requester()), job, queuePosition));
    }

    /**
     * The core took a new style for a waiting job: its message shows it at the place it showed last. A message
     * that has moved on (the job started meanwhile) keeps what it shows.
     */
    void restyled(JobRef job, VideoStyle style) {
        styles.chose(job.id(), style);
        Integer place = places.getIfPresent(job.id());
        if (place != null) {
            board.forJob(job).update(StatusMessage.Step.queued(place), queued(texts(job.requester()), job, place));
        }
    }

    @Override
    public void progress(JobRef job, int percent) {
        Texts texts = texts(job.requester());
        StatusMessage status = board.forJob(job);
        actions.keepUploading(job.id(), status.chatId());
        status.update(new StatusMessage.Step(StatusMessage.Phase.GENERATING, percent),
                withCancel(texts, job, texts.get("status.generating", Wording.progressBar(percent))));
    }

    /**
     * Returns as soon as Telegram has the video: the final screen follows on its own, so the requester's
     * active job ends at once and their next photo is not refused. Throws {@link DeliveryException.Unreachable}
     * when Telegram could not be reached or kept failing (the core keeps the video and tries again later), and
     * a plain {@link DeliveryException} when Telegram refused it for good: the user blocked the bot, the chat
     * is gone, the video is too large.
     */
    @Override
    public void videoReady(JobRef job, Video video) {
        Texts texts = texts(job.requester());
        StatusMessage status = board.forJob(job);
        status.update(new StatusMessage.Step(StatusMessage.Phase.SENDING, 0), Screen.of(texts.get("status.sending")));
        actions.keepUploading(job.id(), status.chatId());
        try {
            sendVideo(ReplyAddress.of(job.requester()).chatId(), video,
                    new Screen(texts.get("video.caption"), styles.takeRows(texts, job.id())));
        } finally {
            actions.stop(job.id());
        }
        status.conclude(Screen.of(texts.get("status.done")));
        board.release(job);
    }

    @Override
    public void failed(JobRef job, Failure failure) {
        actions.stop(job.id());
        Texts texts = texts(job.requester());
        String text = Wording.failure(texts, failure);
        Screen screen = failure.retryable()
                ? Screen.of(text, new Screen.Button(texts.get("button.retry"), new CallbackData.RetryJob(job.id())))
                : Screen.of(text);
        board.forJob(job).conclude(screen);
        board.release(job);
    }

    @Override
    public void cancelled(JobRef job) {
        actions.stop(job.id());
        board.forJob(job).conclude(Screen.of(texts(job.requester()).get("status.cancelled")));
        board.release(job);
    }

    @Override
    public void draftExpired(Requester requester) {
        board.notice(ReplyAddress.of(requester).chatId(), Screen.of(texts(requester).get("draft.expired")));
    }

    /** The video with {@code screen}'s text as its caption and its buttons under it. */
    private void sendVideo(long chatId, Video video, Screen screen) {
        String caption = screen.text();
        InlineKeyboardMarkup buttons = screen.markup();
        byte[] bytes = read(video);
        String content = sha256(bytes);
        String fileId;
        synchronized (uploaded) {
            fileId = uploaded.get(content);
        }
        try {
            Message sent = fileId != null
                    ? sendAgain(chatId, content, fileId, bytes, caption, buttons)
                    : upload(chatId, bytes, caption, buttons);
            if (sent.getVideo() != null) {
                synchronized (uploaded) {
                    uploaded.put(content, sent.getVideo().getFileId());
                }
            }
        } catch (TelegramCallException e) {
            String why = "the video did not reach chat " + chatId + ": " + e.getMessage();
            throw e.unreachable() ? new DeliveryException.Unreachable(why, e) : new DeliveryException(why, e);
        }
    }

    /** By the file id of an earlier upload; one Telegram no longer knows is forgotten and the video uploaded. */
    private Message sendAgain(long chatId, String content, String fileId, byte[] bytes, String caption,
            InlineKeyboardMarkup buttons) {
        try {
            return api.sendVideo(chatId, () -> SendVideo.builder().chatId(chatId).video(new InputFile(fileId))
                    .caption(caption).replyMarkup(buttons).build());
        } catch (TelegramCallException e) {
            if (!e.unknownFile()) {
                throw e;
            }
            LOG.log(System.Logger.Level.INFO, "Telegram no longer knows an uploaded video; uploading it again");
            synchronized (uploaded) {
                uploaded.remove(content, fileId);
            }
            return upload(chatId, bytes, caption, buttons);
        }
    }

    private Message upload(long chatId, byte[] bytes, String caption, InlineKeyboardMarkup buttons) {
        return api.sendVideo(chatId, () -> SendVideo.builder().chatId(chatId)
                .video(new InputFile(new ByteArrayInputStream(bytes), "kisscam.mp4"))
                .supportsStreaming(true).caption(caption).replyMarkup(buttons).build());
    }

    private static byte[] read(Video video) {
        if (video.sizeBytes() > MAX_UPLOAD_BYTES) {
            throw new DeliveryException("the video has " + video.sizeBytes() + " bytes; a bot may upload "
                    + MAX_UPLOAD_BYTES);
        }
        try (InputStream in = video.open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DeliveryException("could not read the video " + video.key(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Screen withCancel(Texts texts, JobRef job, String text) {
        return Screen.of(text, cancelButton(texts, job));
    }

    private static Screen.Button cancelButton(Texts texts, JobRef job) {
        return new Screen.Button(texts.get("button.cancel"), new CallbackData.CancelJob(job.id()));
    }

    private static Texts texts(Requester requester) {
        return Texts.of(requester.locale());
    }
}
