package dev.kisscam.app.http;

import dev.kisscam.core.service.Kisscam;
import java.util.Map;

/** /health's view of the job queue: always up (a long queue is slow, not broken), with its numbers. */
public final class QueueHealth implements HealthCheck {
    private final Kisscam kisscam;

    public QueueHealth(Kisscam kisscam) {
        this.kisscam = kisscam;
    }

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public Status check() {
        return Status.up(Map.of("waiting", kisscam.queueDepth(), "generating", kisscam.runningGenerations()));
    }
}
