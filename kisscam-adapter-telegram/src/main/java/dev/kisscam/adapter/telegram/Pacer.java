package dev.kisscam.adapter.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The time status edits are paced by; tests pass one whose pauses move a hand-driven clock. */
interface Pacer {

    Instant now();

    void pause(Duration duration) throws InterruptedException;

    static Pacer system() {
        Clock clock = Clock.systemUTC();
        return new Pacer() {
            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public void pause(Duration duration) throws InterruptedException {
                Thread.sleep(duration);
            }
        };
    }
}
