package dev.tessera.devservers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/** Neo4j and Kafka in this JVM, started and stopped side by side to halve the wait on a cold JVM. */
final class RunningServers {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final DataDirectory dataDirectory;
    private final ProgressLog log;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile CompletableFuture<EmbeddedNeo4j> neo4j;
    private volatile CompletableFuture<EmbeddedKafka> kafka;

    RunningServers(DataDirectory dataDirectory, ProgressLog log) {
        this.dataDirectory = dataDirectory;
        this.log = log;
    }

    void start(DataDirectory.Endpoints endpoints, int controllerPort, Duration timeout) throws Exception {
        Instant started = Instant.now();
        neo4j = CompletableFuture.supplyAsync(() -> {
            EmbeddedNeo4j server = EmbeddedNeo4j.start(dataDirectory.neo4jHome(), endpoints.boltPort(), timeout);
            log.say("Neo4j serving " + endpoints.boltUri() + " after " + millisSince(started) + " ms");
            return server;
        }, daemonThread("devservers-neo4j-start"));
        kafka = CompletableFuture.supplyAsync(() -> {
            try {
                EmbeddedKafka server = EmbeddedKafka.start(dataDirectory, endpoints.kafkaPort(), controllerPort, timeout);
                log.say("Kafka serving " + endpoints.kafkaBootstrap() + " after " + millisSince(started) + " ms");
                return server;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new DevServersFailure("Kafka failed to start: " + e, e);
            }
        }, daemonThread("devservers-kafka-start"));
        Instant deadline = started.plus(timeout);
        await(neo4j, "Neo4j", deadline);
        await(kafka, "Kafka", deadline);
    }

    /** Idempotent; safe from a shutdown hook, also when start-up failed half-way. */
    void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        Instant started = Instant.now();
        log.say("stopping");
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        stops.add(stopWhenStarted(kafka, "Kafka"));
        stops.add(stopWhenStarted(neo4j, "Neo4j"));
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            log.say("stopped after " + millisSince(started) + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.say("stop incomplete after " + millisSince(started) + " ms: " + e);
        } finally {
            dataDirectory.deleteRunFiles();
        }
    }

    private CompletableFuture<Void> stopWhenStarted(CompletableFuture<? extends AutoCloseable> server, String name) {
        if (server == null || !server.isDone() || server.isCompletedExceptionally()) {
            // Still starting, or never started: the JVM is about to exit and takes it down.
            return CompletableFuture.completedFuture(null);
        }
        AutoCloseable running = server.join();
        return CompletableFuture.runAsync(() -> {
            try {
                running.close();
            } catch (Exception e) {
                log.say(name + " did not stop cleanly: " + e);
            }
        }, daemonThread("devservers-" + name.toLowerCase(Locale.ROOT) + "-stop"));
    }

    private static void await(CompletableFuture<?> server, String name, Instant deadline) throws Exception {
        try {
            server.get(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DevServersFailure failure) {
                throw failure;
            }
            throw new DevServersFailure(name + " failed to start: " + cause, cause);
        } catch (TimeoutException e) {
            throw new DevServersFailure(name + " did not start before the start-up timeout");
        }
    }

    private static Executor daemonThread(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        };
    }

    private static long millisSince(Instant start) {
        return Duration.between(start, Instant.now()).toMillis();
    }
}
