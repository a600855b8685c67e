package dev.kisscam.app.bot;

/**
 * Whether this instance is the one that takes Telegram's updates by long polling: Telegram serves a bot's updates
 * to one poller, so of several instances exactly one polls while all of them run jobs and deliver.
 */
public interface Leadership extends AutoCloseable {

    /** One instance alone: it leads at once and for good. */
    Leadership ALONE = new Leadership() {
        @Override
        public void campaign(Runnable onElected, Runnable onDeposed) {
            onElected.run();
        }

        @Override
        public void close() {
        }
    };

    /**
     * Runs {@code onElected} once this instance leads: before returning if it can lead at once (what it throws comes
     * out here), later on a thread of its own otherwise. Runs {@code onDeposed} if the lead is lost, after which the
     * campaign is over.
     */
    void campaign(Runnable onElected, Runnable onDeposed);

    /** Gives the lead up, if held, so that another instance may take it at once. */
    @Override
    void close();
}
