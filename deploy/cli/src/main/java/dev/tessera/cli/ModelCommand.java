package dev.tessera.cli;

import dev.tessera.sdk.learning.ModelEvent;
import dev.tessera.sdk.learning.ModelKey;
import dev.tessera.sdk.learning.ModelLifecycle;
import dev.tessera.sdk.learning.ModelManifest;
import dev.tessera.sdk.learning.ModelStore;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Stored model versions: list them, roll back. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Stored model versions: list, rollback.",
        subcommands = {ModelCommand.ListVersions.class, ModelCommand.Rollback.class})
final class ModelCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static class Target {
        @Parameters(index = "0", paramLabel = "MODEL", description = "Model name, e.g. triage.")
        String model;

        @Option(names = "--domain", required = true, description = "Domain of the model, e.g. medical.")
        String domain;

        @Option(names = "--tenant", defaultValue = ModelKey.DEFAULT_TENANT,
                description = "Tenant (default: ${DEFAULT-VALUE}, the base model).")
        String tenant;

        ModelKey key() {
            return new ModelKey(tenant, model);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a model's stored versions.")
    static final class ListVersions extends Target implements Callable<Integer> {
        @Mixin
        LearningOptions options;

        @Override
        public Integer call() {
            ModelStore store = options.store(domain);
            var entry = store.state().model(key());
            if (entry == null) {
                throw new dev.tessera.sdk.registry.ModelNotFoundException("no model " + key() + " in the " + domain + " store");
            }
            for (ModelManifest m : store.versions(key())) {
                System.out.printf(Locale.ROOT, "%s %-4s parent=%s feedback_total=%d validation_accuracy=%.4f %s%n",
                        m.version().equals(entry.current()) ? "*" : " ", m.version(), m.parent(),
                        m.training().feedbackTotal(), m.metrics().getOrDefault("validation_accuracy", Double.NaN),
                        m.createdAt());
            }
            return 0;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Serve a stored version again (default: the one before the current) and publish rolled-back.")
    static final class Rollback extends Target implements Callable<Integer> {
        @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION", description = "Version to restore, e.g. v2.")
        String version;

        @Mixin
        LearningOptions options;

        @Override
        public Integer call() {
            ModelStore store = options.store(domain);
            ModelEvent event = ModelLifecycle.rollback(store, key(), version, "tessera model rollback");
            System.out.printf(Locale.ROOT, "%s rolled back from %s to %s%n", key(), event.previous(), event.version());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(options.kafka("tessera-cli").producerProperties())) {
                ModelLifecycle.publishOutbox(store, producer);
            } catch (dev.tessera.sdk.TesseraException e) {
                // the rollback is committed; its event waits in the outbox for the learner or the next command
                System.err.println("tessera: rolled-back event not published yet (" + e.getMessage() + ")");
            }
            return 0;
        }
    }
}
