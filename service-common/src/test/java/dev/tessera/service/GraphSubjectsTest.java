package dev.tessera.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.safety.audit.AuditRecord;
import dev.tessera.safety.audit.Auditor;
import dev.tessera.safety.audit.InMemoryAuditSink;
import dev.tessera.safety.audit.TextFingerprinter;
import dev.tessera.safety.pii.PiiFinding;
import dev.tessera.safety.pii.PiiType;
import dev.tessera.sdk.encoder.Embedding;
import dev.tessera.sdk.encoder.SentenceEncoder;
import dev.tessera.sdk.graph.GraphDomain;
import dev.tessera.sdk.graph.GraphRetriever;
import dev.tessera.sdk.graph.GraphSettings;
import dev.tessera.sdk.graph.KnowledgeGraph;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When the graph cannot say whether a question names one of its entities, the scope head's verdict stands: the
 * lookup answers false, never throws, and the audit record says BLOCK with the text as a fingerprint only. Nor is any
 * PII finding exempt as a name of the graph. The
 * answer for a graph that does know is checked end to end in the medical service's tests.
 */
class GraphSubjectsTest {

    /** Named lookups never embed; an encoder that is asked to is a bug. */
    private static final SentenceEncoder NEVER_USED = new SentenceEncoder() {
        @Override
        public String modelName() {
            return "never-used";
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public Embedding embed(String text) {
            throw new AssertionError("withoutNames() must not embed");
        }

        @Override
        public List<Embedding> embedAll(List<String> texts) {
            throw new AssertionError("withoutNames() must not embed");
        }
    };

    @Test
    @Timeout(30)
    void aGraphThatCannotAnswerLeavesTheQuestionOutOfScopeAndSaysSoInTheAudit() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        GraphSettings settings = GraphSettings.builder("bolt://127.0.0.1:" + closedPort)
                .queryTimeout(Duration.ofSeconds(2))
                .connectionAcquisitionTimeout(Duration.ofSeconds(2))
                .build();
        InMemoryAuditSink sink = new InMemoryAuditSink();
        TextFingerprinter fingerprinter = new TextFingerprinter("test",
                "a test key of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8));
        try (KnowledgeGraph graph = KnowledgeGraph.connect(settings)) {
            GraphRetriever retriever = GraphRetriever.builder(graph, GraphDomain.of("medical"), NEVER_USED, NEVER_USED)
                    .build();
            GraphSubjects subjects = new GraphSubjects(retriever, Auditor.builder(sink, fingerprinter).build());
            String question = "Tell me about tinea, asks [PERSON]";
            assertTrue(subjects.withoutNames(question).isEmpty(), "graph down");
            assertTrue(subjects.withoutNames("x".repeat(GraphRetriever.DEFAULT_MAX_TEXT_CHARS + 1)).isEmpty(),
                    "too long to link");
            String named = "Is Marek Dunstane sanctioned?";
            List<PiiFinding> findings = List.of(new PiiFinding(PiiType.PERSON, 3, 17, 0.9, "person"));
            assertEquals(Set.of(), subjects.exempt(named, findings), "graph down: the name stays PII");
        }
        List<AuditRecord> records = sink.records();
        assertEquals(2, records.size(), records::toString);
        for (AuditRecord r : records) {
            assertEquals(GraphSubjects.RULE_ID, r.ruleId());
            assertEquals(AuditRecord.Layer.INPUT, r.layer());
            assertEquals(AuditRecord.Action.BLOCK, r.action());
            assertEquals(0.0, r.score());
            assertTrue(TextFingerprinter.isFingerprint(r.textFingerprint()), r.textFingerprint());
        }
        assertEquals(fingerprinter.fingerprint("Tell me about tinea, asks [PERSON]"), records.get(0).textFingerprint());
    }
}
