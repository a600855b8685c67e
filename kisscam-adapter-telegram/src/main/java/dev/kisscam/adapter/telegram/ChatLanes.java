package dev.kisscam.adapter.telegram;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs work for different chats at once and the work of one chat in order, each task on a virtual thread. A
 * task that throws is logged and the chat's next task runs anyway: one bad update never stops the bot.
 */
final class ChatLanes implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChatLanes.class.getName());
    private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("telegram-chat-", 0).factory());
    private final Map<Long, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    void run(long chatId, Runnable task) {
        CompletableFuture<Void> queued = tails.compute(chatId, (id, tail) ->
                (tail == null ? IDLE : tail).handleAsync((ignored, failure) -> {
                    runSafely(chatId, task);
                    return null;
                }, threads));
        // Forget the chat once its last task is done, so idle chats hold no memory.
        queued.whenComplete((ignored, failure) -> tails.remove(chatId, queued));
    }

    private static void runSafely(long chatId, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
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
