package dev.tessera.safety.audit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sdk.events.KafkaSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The sink without a broker: nothing thrown into the caller, nothing blocked past max-block, every loss counted. */
class KafkaAuditSinkTest {

    private static final Duration MAX_BLOCK = Duration.ofMillis(100);
    /** Scheduling slack on a loaded machine; a sink that waited for the broker would take seconds per write. */
    private static final Duration SLACK = Duration.ofMillis(900);

    private static KafkaSettings unreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return KafkaSettings.builder("127.0.0.1:" + port).clientId("audit-unreachable").build();
    }

    private static AuditRecord record(String requestId) {
        return AuditRecord.of(AuditRecordTest.FP, AuditRecordTest.TEXT, Instant.now(), AuditRecord.Layer.INPUT,
                "credit-card", "-", 0.99, AuditRecord.Action.REDACT, Duration.ofMillis(2), requestId);
    }

    @Test
    void anUnreachableBrokerCostsTheCallerAtMostMaxBlockAndEveryRecordCountsAsFailed() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        KafkaAuditSink sink = KafkaAuditSink.builder(unreachable()).maxBlock(MAX_BLOCK)
                .closeTimeout(Duration.ofSeconds(1)).build();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (int i = 0; i < 3; i++) {
                AuditRecord r = record("req-down-" + i);
                long start = System.nanoTime();
                assertDoesNotThrow(() -> sink.write(r));
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(took.compareTo(MAX_BLOCK.plus(SLACK)) < 0, "write blocked for " + took);
            }
            awaitFailed(sink, 3);
            assertEquals(0, sink.deliveredCount());
            assertTimeoutPreemptively(Duration.ofSeconds(5), sink::flush, "nothing was buffered to wait for");
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> sink.close());
            sink.write(record("req-after-close"));
            assertEquals(4, sink.failedCount());
        } finally {
            System.setErr(original);
            sink.close();
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("req-down-0") && log.contains("credit-card") && log.contains("req-after-close"), log);
        assertFalse(log.contains(AuditRecordTest.FP.fingerprint(AuditRecordTest.TEXT).substring(20)),
                "a failure log carries rule and request id only: " + log);
        for (String v : AuditRecordTest.VALUES) {
            assertFalse(log.contains(v), "log leaks '" + v + "'");
        }
    }

    @Test
    void badSettingsAreRefusedWhenTheSinkIsBuilt() throws Exception {
        KafkaSettings settings = unreachable();
        assertThrows(IllegalArgumentException.class, () -> KafkaAuditSink.builder(settings).source(" ").build());
        assertThrows(IllegalArgumentException.class, () -> KafkaAuditSink.builder(settings).source("/a b").build());
        assertThrows(IllegalArgumentException.class,
                () -> KafkaAuditSink.builder(settings).maxBlock(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class,
                () -> KafkaAuditSink.builder(settings).closeTimeout(Duration.ofSeconds(-1)).build());
        assertThrows(IllegalArgumentException.class, () -> KafkaAuditSink.builder(settings).tenant(" "));
        assertThrows(NullPointerException.class, () -> KafkaAuditSink.builder(null));
    }

    /** The metadata timeout calls back at once, but allow for a slow producer thread. */
    private static void awaitFailed(KafkaAuditSink sink, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sink.failedCount() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, sink.failedCount());
    }
}
