package dev.kisscam.app.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What one bot process does of the bot's work ({@code kisscam bot --role=...}), so an operator can take updates
 * and run generations on different machines. Every role serves {@code /health}.
 */
public enum Role {
    /** Takes updates and runs jobs: one process is the whole bot. */
    ALL,
    /** Takes updates (polling or webhook) and answers users; queues jobs for the workers and runs none. */
    FRONTEND,
    /** Runs the queued jobs and delivers their videos; takes no update (no polling, no webhook route). */
    WORKER;

    /** The word on the command line: {@code all}, {@code frontend} or {@code worker}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named by {@code word}, or {@link IllegalArgumentException} naming the allowed words. */
    public static Role of(String word) {
        for (Role role : values()) {
            if (role.word().equals(word)) {
                return role;
            }
        }
        throw new IllegalArgumentException("--role must be one of " + words() + ", was '" + word + "'");
    }

    public static String words() {
        return Arrays.stream(values()).map(Role::word).collect(Collectors.joining(", "));
    }

    public boolean takesUpdates() {
        return this != WORKER;
    }

    public boolean runsJobs() {
        return this != FRONTEND;
    }
}
