package dev.tessera.safety.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.devservers.client.DevServers;
import dev.tessera.devservers.client.DevServersExtension;
import dev.tessera.safety.pii.PiiScanner;
import dev.tessera.safety.policy.DomainPolicy;
import dev.tessera.safety.policy.Language;
import dev.tessera.safety.policy.PolicyEngine;
import dev.tessera.sdk.events.CloudEvent;
import dev.tessera.sdk.events.EventTopics;
import dev.tessera.sdk.events.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Layers 1 and 2 audited into a real Kafka broker (deploy/devservers), read back as a consumer would. */
@ExtendWith(DevServersExtension.class)
class KafkaAuditSinkBrokerTest {

    private static final String SOURCE = "/tessera/safety/test";

    @Test
    void screenedInputsArriveAsCloudEventsKeyedByRequestIdWithoutPii(DevServers servers) throws Exception {
        KafkaSettings settings = KafkaSettings.builder(servers.kafkaBootstrap()).clientId("safety-audit-test").build();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> inputs = List.of(AuditRecordTest.TEXT, "Is ibuprofen an NSAID?",
                "Take 400 mg of ibuprofen every 6 hours; mail ann.lee@example.com with card 4111 1111 1111 1111.");
        AtomicReference<String> requestId = new AtomicReference<>();
        InMemoryAuditSink written = new InMemoryAuditSink();
        // The topic is created on first use; a write may wait that long here, unlike a request's.
        try (KafkaAuditSink kafka = KafkaAuditSink.builder(settings).source(SOURCE).tenant("acme")
                .maxBlock(Duration.ofSeconds(30)).build()) {
            AuditSink both = r -> {
                written.write(r);
                kafka.write(r);
            };
            Auditor auditor = Auditor.builder(both, AuditRecordTest.FP).requestId(requestId::get).build();
            PiiScanner scanner = PiiScanner.builder().auditor(auditor).build();
            PolicyEngine engine = new PolicyEngine(DomainPolicy.bundled("medical"), auditor);
            for (int i = 0; i < inputs.size(); i++) {
                requestId.set("req-" + run + "-" + i);
                engine.apply(inputs.get(i), scanner.scan(inputs.get(i)).text(), Language.EN);
            }
            kafka.flush();
            assertEquals(written.size(), kafka.deliveredCount());
            assertEquals(0, kafka.failedCount());
        }
        assertTrue(written.size() > 2 * inputs.size(), "every input yields layer-1 and layer-2 records");

        List<ConsumerRecord<String, String>> consumed = consume(settings, "req-" + run + "-", written.size());
        assertEquals(written.size(), consumed.size());
        List<AuditRecord> actual = new ArrayList<>();
        for (ConsumerRecord<String, String> c : consumed) {
            CloudEvent event = CloudEvent.parse(c.value());
            AuditRecord r = AuditJson.fromNode(event.data());
            assertEquals(KafkaAuditSink.EVENT_TYPE, event.type());
            assertEquals(SOURCE, event.source());
            assertEquals("acme", event.extension("tenant"));
            assertEquals(r.requestId(), c.key());
            assertEquals(r.requestId(), event.subject());
            assertEquals(r.timestamp(), event.time());
            for (String v : AuditRecordTest.VALUES) {
                assertFalse(c.value().contains(v) || c.key().contains(v), "topic leaks '" + v + "': " + c.value());
            }
            actual.add(r);
        }
        // The wire keeps latency in microseconds.
        List<AuditRecord> expected = written.records().stream().map(r -> AuditJson.fromJson(AuditJson.toJson(r)))
                .toList();
        assertEquals(byRequest(expected), byRequest(actual), "the key keeps each request's records in write order");
    }

    private static Map<String, List<AuditRecord>> byRequest(List<AuditRecord> records) {
        return records.stream().collect(Collectors.groupingBy(AuditRecord::requestId));
    }

    /** This run's records only: the broker is shared by every test class that uses it. */
    private static List<ConsumerRecord<String, String>> consume(KafkaSettings settings, String keyPrefix,
                                                                int expected) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                settings.consumerProperties("audit-test-" + UUID.randomUUID()))) {
            consumer.subscribe(List.of(EventTopics.SAFETY_AUDIT));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && r.key().startsWith(keyPrefix)) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }
}
