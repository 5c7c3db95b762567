package dev.tessera.safety.audit;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each record as one line of JSON ({@link AuditJson}) at INFO to an slf4j logger, by default
 * {@value #DEFAULT_LOGGER}, so a logging backend can route audit lines to their own file or shipper.
 */
public final class LoggingAuditSink implements AuditSink {

    public static final String DEFAULT_LOGGER = "dev.tessera.safety.audit";

    private final Logger logger;

    public LoggingAuditSink() {
        this(LoggerFactory.getLogger(DEFAULT_LOGGER));
    }

    public LoggingAuditSink(Logger logger) {
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    @Override
    public void write(AuditRecord record) {
        logger.info(AuditJson.toJson(record));
    }
}
