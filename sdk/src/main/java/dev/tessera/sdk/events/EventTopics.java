package dev.tessera.sdk.events;

import java.util.regex.Pattern;

/**
 * Tessera's Kafka topic names, declared once. Documented with their payloads in {@code docs/events.md}.
 */
public final class EventTopics {

    /** Model lifecycle events (trained, promoted, rejected, rolled-back), keyed by model name. */
    public static final String MODELS = "tessera.models";
    /** Drift alerts, keyed by model name. */
    public static final String DRIFT = "tessera.drift";
    /** Safety-filter audit records, keyed by request id. */
    public static final String SAFETY_AUDIT = "tessera.safety.audit";

    private static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private EventTopics() {
    }

    /** Users' corrections for one domain, keyed by model name (tenant-qualified) so one model's events stay in order. */
    public static String feedback(String domain) {
        return "tessera." + domain(domain) + ".feedback";
    }

    /** Served predictions for one domain, keyed by model name. */
    public static String predictions(String domain) {
        return "tessera." + domain(domain) + ".predictions";
    }

    /** Where a consumer of {@code topic} puts events it cannot accept, with the reason in headers. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    /** Validates a domain name for use in a topic name. */
    public static String domain(String domain) {
        if (domain == null || !DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("domain must match " + DOMAIN.pattern() + ", was '" + domain + "'");
        }
        return domain;
    }
}
