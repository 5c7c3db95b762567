package dev.tessera.cli;

import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.encoder.OnnxEncoder;
import dev.tessera.sdk.events.KafkaSettings;
import dev.tessera.sdk.learning.DriftMonitor;
import dev.tessera.sdk.learning.Learner;
import dev.tessera.sdk.learning.LearnerSettings;
import dev.tessera.sdk.learning.ModelStore;
import dev.tessera.sdk.learning.PromotionGate;
import dev.tessera.sdk.learning.SyntheticTriage;
import dev.tessera.sdk.onnx.InferenceOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs a domain's learner as its own process until SIGTERM/SIGINT: consumes {@code tessera.<domain>.feedback},
 * trains, gates and promotes tenant models, watches the prediction stream for drift, and serves the admin API.
 * Killing it at any point loses nothing: it resumes from the offsets committed with the last model snapshot.
 */
@Command(name = "learner", mixinStandardHelpOptions = true,
        description = "Learn continuously from tessera.<domain>.feedback (runs until stopped).")
final class LearnerCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DOMAIN", description = "Domain whose feedback topic to learn from, e.g. medical.")
    String domain;

    @Mixin
    LearningOptions options;

    @Option(names = "--seed-synthetic-triage",
            description = "Create the project-written base model default/triage if the store has none (demo and tests).")
    boolean seedSyntheticTriage;

    @Option(names = "--admin-port", defaultValue = "8790",
            description = "Port of the admin API on 127.0.0.1 (rollback); 0 picks a free one, -1 turns it off (default: ${DEFAULT-VALUE}).")
    int adminPort;

    @Option(names = "--round-size", defaultValue = "256", description = "Events that start a round at once (default: ${DEFAULT-VALUE}).")
    int roundSize;

    @Option(names = "--linger-ms", defaultValue = "300", description = "Longest wait of an event for its round (default: ${DEFAULT-VALUE}).")
    long lingerMs;

    @Option(names = "--validation-tolerance", defaultValue = "0.01",
            description = "Largest validation-accuracy drop the gate accepts (default: ${DEFAULT-VALUE}).")
    double validationTolerance;

    @Option(names = "--drift", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Watch tessera.<domain>.predictions for drift (default: on).")
    boolean drift;

    @Override
    public Integer call() throws Exception {
        KafkaSettings kafka = options.kafka("tessera-learner-" + domain);
        ModelStore store = options.store(domain);
        PromotionGate defaults = PromotionGate.defaults();
        LearnerSettings settings = LearnerSettings.builder().roundSize(roundSize).linger(Duration.ofMillis(lingerMs))
                .gate(new PromotionGate(validationTolerance, Math.max(validationTolerance, defaults.forgettingTolerance()),
                        Math.max(validationTolerance, defaults.sliceTolerance()), defaults.minSliceSupport()))
                .source("/tessera/learner/" + domain).build();
        try (OnnxEncoder encoder = OnnxEncoder.load(EncoderSpec.allMiniLmL6V2Quantized(), InferenceOptions.defaults())) {
            if (seedSyntheticTriage) {
                SyntheticTriage.bootstrap(store, encoder, SyntheticTriage.splits(7), settings.replayCapacity());
            }
            Learner learner = new Learner(domain, kafka, store, encoder, settings);
            learner.ensureTopics();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread driftThread = null;
            if (drift) {
                driftThread = new Thread(() -> DriftMonitor.defaults().watch(kafka, domain, running), "drift-" + domain);
                driftThread.setDaemon(true);
                driftThread.start();
            }
            LearnerAdminServer admin = adminPort < 0 ? null
                    : new LearnerAdminServer("127.0.0.1", adminPort, store, kafka);
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                learner.stop();
                running.set(false);
                try {
                    stopped.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            System.out.printf("learner %s ready: store %s, kafka %s%s%n", domain, store.root(), kafka.bootstrapServers(),
                    admin == null ? "" : ", admin http://127.0.0.1:" + admin.port());
            System.out.flush();
            try {
                learner.run();
            } finally {
                running.set(false);
                if (admin != null) {
                    admin.close();
                }
                System.out.println("learner " + domain + " stopped: " + learner.stats());
                stopped.countDown();
            }
        }
        return 0;
    }
}
