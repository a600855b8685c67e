package dev.kisscam.adapter.telegram;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Where updates come in, from long polling or the webhook: each is queued in its chat's {@link ChatOrder}, and
 * handled, when its turn comes on this instance, in the chat's lane here, so chats go on concurrently and one
 * chat's updates in order. Returns at once; the long-polling loop never waits for work.
 */
final class UpdateRouter implements LongPollingUpdateConsumer, ChatOrder.Handler {
    private final ChatLanes lanes;
    private final Conversation conversation;
    private final ChatOrder.Queue order;

    UpdateRouter(ChatLanes lanes, Conversation conversation, ChatOrder order) {
        this.lanes = lanes;
        this.conversation = conversation;
        this.order = order.start(this);
    }

    @Override
    public void consume(List<Update> updates) {
        for (Update update : updates) {
            long updateId = update.getUpdateId() == null ? 0 : update.getUpdateId();
            order.offer(Conversation.chatOf(update), updateId, UpdateJson.write(update));
        }
    }

    @Override
    public CompletionStage<Void> handle(long chatId, String update) {
        return lanes.run(chatId, () -> conversation.handle(UpdateJson.read(update)));
    }

    /** Stops taking this instance's turns. */
    void stop() {
        order.close();
    }
}
