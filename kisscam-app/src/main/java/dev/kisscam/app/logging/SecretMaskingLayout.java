package dev.kisscam.app.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Comparator;
import java.util.List;

/**
 * A pattern layout that blanks out every configured secret wherever it shows up in a finished line: in a
 * message, an exception text, a URL with the bot token in its path. The adapters already keep secrets out
 * of what they log; this is the last line of defence for what a library logs on its own.
 */
public final class SecretMaskingLayout extends PatternLayout {
    static final String MASK = "****";
    /** Shorter values would blank out ordinary words; no real token or key is this short. */
    static final int SHORTEST_MASKED = 8;

    private List<String> secrets = List.of();

    public void setSecrets(List<String> values) {
        // Longest first, so a secret that contains another is masked whole.
        this.secrets = values.stream().filter(v -> v != null && v.length() >= SHORTEST_MASKED).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return mask(super.doLayout(event));
    }

    String mask(String line) {
        String masked = line;
        for (String secret : secrets) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, MASK);
            }
        }
        return masked;
    }
}
