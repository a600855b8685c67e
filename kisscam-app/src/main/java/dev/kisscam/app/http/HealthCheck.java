package dev.kisscam.app.http;

import java.util.Map;

/** One part of the program that /health reports on: up or not, and a few details for the operator. */
public interface HealthCheck {

    String name();

    Status check();

    record Status(boolean up, Map<String, Object> details) {
        public Status {
            details = Map.copyOf(details);
        }

        public static Status up(Map<String, Object> details) {
            return new Status(true, details);
        }

        public static Status down(String why) {
            return new Status(false, Map.of("error", why));
        }
    }
}
