package dev.kisscam.core.domain;

import java.util.Objects;

/**
 * Why a job failed: a code for users, and a detail for operators (the provider's message, say). The detail
 * is for logs; frontends show text made from the code.
 */
public record Failure(FailureCode code, String detail) {
    public Failure {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean retryable() {
        return code.retryable();
    }
}
