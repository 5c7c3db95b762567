package dev.tessera.sdk.events;

import dev.tessera.sdk.TesseraException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/** Creates topics that do not exist yet (production clusters usually provision them; dev servers need this). */
public final class Topics {

    private static final long TIMEOUT_S = 30;

    private Topics() {
    }

    public static void ensure(KafkaSettings settings, int partitions, short replicationFactor, List<String> names) {
        try (Admin admin = Admin.create(settings.adminProperties())) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
            List<NewTopic> missing = names.stream().distinct().filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, partitions, replicationFactor)).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(TIMEOUT_S, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
                awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TesseraException("interrupted creating topics " + names, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TesseraException("cannot list or create Kafka topics " + names + " at "
                    + settings.bootstrapServers() + ": " + e, e);
        }
    }

    /**
     * Returns once every partition of {@code created} has a leader that serves it. An idempotent producer that writes
     * to a partition the broker has not applied yet can lose a batch: its first request fails (not leader), a later
     * one succeeds, and the retry of the first then spins on OUT_OF_ORDER_SEQUENCE_NUMBER until
     * {@code delivery.timeout.ms} drops it (KAFKA-14359, KAFKA-15591). A leader in the topic's metadata is not enough:
     * on a loaded machine the broker listed the leader while its partition still answered NOT_LEADER_OR_FOLLOWER, so
     * this also waits until the leader answers a latest-offset request, which needs the partition in place as a
     * produce request does.
     */
    private static void awaitLeaders(Admin admin, List<String> created)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(created).allTopicNames()
                        .get(TIMEOUT_S, TimeUnit.SECONDS);
                if (described.values().stream().allMatch(t -> !t.partitions().isEmpty()
                        && t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()))) {
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    described.values().forEach(t -> t.partitions().forEach(
                            p -> latest.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
                    admin.listOffsets(latest).all().get(TIMEOUT_S, TimeUnit.SECONDS);
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("no leader for every partition of " + created + " after " + TIMEOUT_S + " s");
            }
            Thread.sleep(50);
        }
    }
}
