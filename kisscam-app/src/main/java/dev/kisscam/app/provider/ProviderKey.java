package dev.kisscam.app.provider;

/**
 * The provider's verdict on the configured API key, asked once when a command starts: a refused key is a
 * configuration problem the operator must hear about before any user does.
 */
public interface ProviderKey {
    Verdict check();

    sealed interface Verdict {
    }

    record Usable() implements Verdict {
    }

    /** @param why the provider's reason, free of secrets */
    record Refused(String why) implements Verdict {
    }

    /** @param why why there is no verdict (the provider unreachable or failing), free of secrets */
    record Unanswered(String why) implements Verdict {
    }
}
