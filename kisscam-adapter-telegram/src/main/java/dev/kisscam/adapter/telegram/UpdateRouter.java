package dev.kisscam.adapter.telegram;

import java.util.List;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Where updates come in, from long polling or the webhook: each runs in its chat's lane, so chats go on
 * concurrently and one chat's updates in order. Returns at once; the long-polling loop never waits for work.
 */
final class UpdateRouter implements LongPollingUpdateConsumer {
    private final ChatLanes lanes;
    private final Conversation conversation;

    UpdateRouter(ChatLanes lanes, Conversation conversation) {
        this.lanes = lanes;
        this.conversation = conversation;
    }

    @Override
    public void consume(List<Update> updates) {
        for (Update update : updates) {
            lanes.run(Conversation.chatOf(update), () -> conversation.handle(update));
        }
    }
}
