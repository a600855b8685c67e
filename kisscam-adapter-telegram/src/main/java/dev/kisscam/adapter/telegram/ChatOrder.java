package dev.kisscam.adapter.telegram;

import java.util.concurrent.CompletionStage;

/**
 * The order in which one chat's updates are handled: one at a time, in {@code update_id} order, each once. Behind
 * one round-robin webhook several instances receive the updates of one chat, so the order has to be kept where
 * they all see it; on one machine it is kept in this process ({@link #IN_PROCESS}). Updates travel as Telegram's
 * own JSON, so whichever instance holds the chat's turn can handle an update another instance received.
 */
public interface ChatOrder {
    /** Each chat's updates in its own lane of this process, as they arrive: what one instance needs. */
    ChatOrder IN_PROCESS = handler -> new Queue() {
        @Override
        public void offer(long chatId, long updateId, String update) {
            handler.handle(chatId, update);
        }

        @Override
        public void close() {
        }
    };

    /** Starts taking updates on this instance; {@code handler} handles those this instance's turn comes to. */
    Queue start(Handler handler);

    /** Handles one update; the stage completes when it is handled, and the chat's next update may go. */
    @FunctionalInterface
    interface Handler {
        CompletionStage<Void> handle(long chatId, String update);
    }

    /** Where this instance puts the updates it receives. */
    interface Queue extends AutoCloseable {
        /** Queues {@code update} (its JSON) for its chat and returns at once; it goes after the chat's earlier ones. */
        void offer(long chatId, long updateId, String update);

        /** Stops taking this instance's turns; updates still queued are handled by the others. */
        @Override
        void close();
    }
}
