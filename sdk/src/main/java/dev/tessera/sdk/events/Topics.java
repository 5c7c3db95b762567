package dev.tessera.sdk.events;

import dev.tessera.sdk.TesseraException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

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
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TesseraException("interrupted creating topics " + names, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TesseraException("cannot list or create Kafka topics " + names + " at "
                    + settings.bootstrapServers() + ": " + e, e);
        }
    }
}
