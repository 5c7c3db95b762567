package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.tessera.safety.audit.AuditJson;
import dev.tessera.safety.audit.AuditRecord;
import dev.tessera.safety.audit.AuditSink;
import dev.tessera.safety.audit.Auditor;
import dev.tessera.safety.audit.InMemoryAuditSink;
import dev.tessera.safety.audit.KafkaAuditSink;
import dev.tessera.safety.audit.LoggingAuditSink;
import dev.tessera.safety.audit.TextFingerprinter;
import dev.tessera.safety.policy.DomainPolicy;
import dev.tessera.safety.policy.Language;
import dev.tessera.safety.policy.PolicyEngine;
import dev.tessera.safety.policy.PolicyOutputGuardrail;
import dev.tessera.safety.policy.ScreeningInputGuardrail;
import dev.tessera.safety.screening.InjectionDetector;
import dev.tessera.safety.screening.ScopeClassifier;
import dev.tessera.safety.screening.ScreeningEncoders;
import dev.tessera.safety.screening.TextNormalizer;
import dev.tessera.safety.screening.ToxicityClassifier;
import dev.tessera.safety.verify.OutputVerifier;
import dev.tessera.sdk.events.KafkaSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/**
 * Captures everything the module logs (slf4j-simple writes to System.err; the test logging config puts the safety
 * module at debug; java.util.logging is captured too) and every audit record, while PII-rich text goes through
 * every layer, and checks that no matched value appears in either.
 */
class NoPiiInLogsTest {

    private static final String TEXT = "Dr. Ann Lee (ann.lee@example.com, +1 415-555-2671) paid with "
            + "4111 1111 1111 1111; SSN 123-45-6789; IBAN GB82 WEST 1234 5698 7654 32; lives at 1600 Pennsylvania "
            + "Avenue, Washington, DC 20500; 身份证 11010519491231002X，张三先生，手机13812345678.";
    private static final List<String> VALUES = List.of("Ann Lee", "ann.lee@example.com", "415-555-2671",
            "4111 1111 1111 1111", "4111111111111111", "123-45-6789", "GB82 WEST", "Pennsylvania",
            "11010519491231002X", "张三", "13812345678");

    @Test
    void logsCarryCountsNeverValues() {
        List<PiiFinding> findings = PiiScanner.builder().build().find(TEXT);
        String log = captured(() -> {
            PiiScanner scanner = PiiScanner.builder().build();
            scanner.find(TEXT);
            scanner.scan(TEXT);
            PiiScanner.builder().action(PiiAction.PSEUDONYMISE).build().scan(TEXT, new InMemoryPseudonymVault());
        });
        assertTrue(log.contains("pii scan"), "the capture must see the scanner's debug line, got: " + log);
        assertTrue(findings.size() >= 8, findings::toString);
        assertNoValues(log, findings, "log");
    }

    /**
     * Every audited path (layer 1 PII and model screens and the input guardrail, layer 2 engine and output
     * guardrail, layer 3 verifier) writes to a logging sink, an in-memory sink and a Kafka sink whose broker is
     * down, so its failure lines are in the capture too.
     */
    @Test
    void auditedLayersLogAndRecordNoValues() throws Exception {
        List<PiiFinding> findings = PiiScanner.builder().build().find(TEXT);
        InMemoryAuditSink memory = new InMemoryAuditSink();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String log;
        try (KafkaAuditSink kafka = KafkaAuditSink.builder(KafkaSettings.builder("127.0.0.1:" + port).build())
                     .maxBlock(Duration.ofMillis(10)).closeTimeout(Duration.ZERO).build();
             LoggingAuditSink logging = new LoggingAuditSink();
             ScreeningEncoders encoders = ScreeningEncoders.cpu()) {
            AuditSink all = r -> {
                memory.write(r);
                logging.write(r);
                kafka.write(r);
            };
            Auditor auditor = Auditor.builder(all, new TextFingerprinter("k1", new byte[32]))
                    .requestId(() -> "req-pii").build();
            log = captured(() -> runEveryLayer(auditor, encoders));
            assertEquals(memory.size(), kafka.failedCount(), "every record reached the Kafka sink and failed there");
        }
        assertTrue(log.contains(AuditJson.SCHEMA) && log.contains("not delivered"),
                "the capture must see the audit lines and the Kafka failures, got: " + log);
        Set<AuditRecord.Layer> layers = EnumSet.noneOf(AuditRecord.Layer.class);
        for (AuditRecord r : memory.records()) {
            layers.add(r.layer());
            assertNoValues(AuditJson.toJson(r), findings, "audit record");
        }
        assertEquals(EnumSet.allOf(AuditRecord.Layer.class), layers);
        assertNoValues(log, findings, "log");
    }

    private static void runEveryLayer(Auditor auditor, ScreeningEncoders encoders) {
        PiiScanner.builder().auditor(auditor).build().scan(TEXT);
        PiiScanner.builder().action(PiiAction.PSEUDONYMISE).auditor(auditor).build()
                .scan(TEXT, new InMemoryPseudonymVault());
        TextNormalizer normalizer = TextNormalizer.defaults();
        try (InjectionDetector injection = InjectionDetector.load(encoders, normalizer, auditor);
             ToxicityClassifier toxicity = ToxicityClassifier.load(encoders, normalizer, auditor);
             ScopeClassifier scope = ScopeClassifier.load(encoders, normalizer, auditor)) {
            injection.screen(TEXT);
            toxicity.classify(TEXT);
            scope.classify(TEXT);
            new ScreeningInputGuardrail("input", text -> injection.screen(text).injection()
                    ? Optional.of("injection") : Optional.of("test block " + text), auditor)
                    .validate(UserMessage.from(TEXT));
        }
        PolicyEngine engine = new PolicyEngine(DomainPolicy.bundled("medical"), auditor);
        engine.apply(TEXT, TEXT + " Take 400 mg of ibuprofen every 6 hours.", Language.EN);
        new PolicyOutputGuardrail(engine).validate(AiMessage.from(TEXT));
        OutputVerifier.builder(encoders.get("all-minilm-l6-v2-q")).auditor(auditor).build()
                .verify(TEXT, List.of(), List.of(), List.of("Ann Lee paid with a card.", TEXT));
    }

    /** What slf4j-simple (System.err) and java.util.logging print while {@code action} runs. */
    private static String captured(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringBuilder jul = new StringBuilder();
        Handler handler = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public synchronized void publish(LogRecord r) {
                jul.append(format.format(r));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            action.run();
        } finally {
            System.setErr(original);
            root.removeHandler(handler);
        }
        synchronized (handler) {
            return err.toString(StandardCharsets.UTF_8) + jul;
        }
    }

    private static void assertNoValues(String output, List<PiiFinding> findings, String what) {
        for (String v : VALUES) {
            assertFalse(output.contains(v), what + " leaks '" + v + "'");
        }
        for (PiiFinding f : findings) {
            Supplier<String> message = () -> what + " leaks a matched value of " + f.type();
            assertFalse(output.contains(TEXT.substring(f.start(), f.end())), message);
        }
    }
}
