package dev.kisscam.adapter.telegram;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs work for different chats at once and the work of one chat in order, each task on a virtual thread. A
 * task that throws anything, an {@link Error} included, is logged and the chat's next task runs anyway: one
 * bad update never stops the bot, and never fails without a trace.
 */
final class ChatLanes implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChatLanes.class.getName());
    private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("telegram-chat-", 0).factory());
    private final Map<Long, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    /** Queues {@code task} after the chat's earlier ones; the future completes when it has run, however it ended. */
    CompletableFuture<Void> run(long chatId, Runnable task) {
        CompletableFuture<Void> queued = tails.compute(chatId, (id, tail) ->
                (tail == null ? IDLE : tail).handleAsync((ignored, failure) -> {
                    runSafely(chatId, task);
                    return null;
                }, threads));
        // Forget the chat once its last task is done, so idle chats hold no memory.
        queued.whenComplete((ignored, failure) -> tails.remove(chatId, queued));
        return queued;
    }

    /**
     * Catches every {@link Throwable}: an {@link OutOfMemoryError} or {@link StackOverflowError} from one update
     * would otherwise vanish into the lane's future without a word. An interruption stays on the thread, so
     * whoever interrupted it still sees it.
     */
    static void runSafely(long chatId, Runnable task) {
        try {
            task.run();
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(System.Logger.Level.ERROR, "an update of chat " + chatId + " failed; the chat goes on", e);
        }
    }

    @Override
    public void close() {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
