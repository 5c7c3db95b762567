package dev.tessera.devservers.client;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running dev-servers JVM (real Neo4j and Kafka, see tessera-devservers), launched as a child of this JVM.
 *
 * <pre>{@code
 * try (DevServers servers = DevServers.startOnFreePorts(dataDir)) {
 *     Driver driver = GraphDatabase.driver(servers.boltUri(), AuthTokens.none());
 *     ...
 * }
 * }</pre>
 *
 * The servers listen on 127.0.0.1 only, with Neo4j authentication disabled. The child is stopped by {@link #close()},
 * by a shutdown hook if this JVM exits first, and by itself if this JVM dies without running its hooks.
 */
public final class DevServers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevServers.class);
    private static final String HOST = "127.0.0.1";
    private static final String MAIN_CLASS = "dev.tessera.devservers.DevServersMain";
    private static final String READY_PREFIX = "READY ";
    // As ServerProcess.JVM_OPTIONS in tessera-devservers. Serial GC: a small heap on few cores starts faster and leaves the CPU to the tests.
    private static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(Long.getLong("tessera.devservers.startupTimeoutSeconds", 90));
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LOG_POLL = Duration.ofMillis(50);
    private static final int LOG_TAIL_LINES = 30;

    private final Process process;
    private final Path dataDir;
    private final int boltPort;
    private final int kafkaPort;
    private final Thread stopOnExit;

    private DevServers(Process process, Path dataDir, int boltPort, int kafkaPort) {
        this.process = process;
        this.dataDir = dataDir;
        this.boltPort = boltPort;
        this.kafkaPort = kafkaPort;
        this.stopOnExit = new Thread(this::stop, "devservers-stop-on-exit");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Launches the servers on free ports with their data under {@code dataDir} (created if missing; reuse it to keep
     * data across restarts) and returns once both answer.
     *
     * @throws IllegalStateException if they are not ready within the start-up timeout (90 s, or
     *     {@code -Dtessera.devservers.startupTimeoutSeconds}); the message carries the end of the server log
     */
    public static DevServers startOnFreePorts(Path dataDir) {
        int[] ports = freePorts(3);
        return start(dataDir, ports[0], ports[1], ports[2]);
    }

    /**
     * Launches the servers on the given ports, e.g. to start them again on the ports and data of servers stopped
     * earlier (outage tests); otherwise as {@link #startOnFreePorts}.
     */
    public static DevServers start(Path dataDir, int boltPort, int kafkaPort, int controllerPort) {
        Instant started = Instant.now();
        int[] ports = {boltPort, kafkaPort, controllerPort};
        Path logFile = dataDir.resolve("devservers.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", DevServersClasspath.read(), MAIN_CLASS, "run",
                "--data-dir", dataDir.toAbsolutePath().toString(),
                "--bolt-port", String.valueOf(ports[0]),
                "--kafka-port", String.valueOf(ports[1]),
                "--controller-port", String.valueOf(ports[2]),
                "--exit-with-parent", String.valueOf(ProcessHandle.current().pid())));
        Process process;
        try {
            Files.createDirectories(dataDir);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch the devservers JVM", e);
        }
        DevServers servers = new DevServers(process, dataDir, ports[0], ports[1]);
        servers.awaitReady(logFile, STARTUP_TIMEOUT);
        LOG.info("Dev servers ready in {} ms (pid {}): bolt={} kafka={} log={}",
                Duration.between(started, Instant.now()).toMillis(), process.pid(), servers.boltUri(), servers.kafkaBootstrap(), logFile);
        return servers;
    }

    /** For the Neo4j driver, e.g. {@code bolt://127.0.0.1:40123}; no authentication. */
    public String boltUri() {
        return "bolt://" + HOST + ":" + boltPort;
    }

    /** For Kafka clients' {@code bootstrap.servers}, e.g. {@code 127.0.0.1:40124}. */
    public String kafkaBootstrap() {
        return HOST + ":" + kafkaPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM, then SIGKILL if the servers have not stopped within 15 s. Idempotent. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or has run.
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        Instant started = Instant.now();
        process.destroy();
        if (awaitExit(STOP_TIMEOUT)) {
            LOG.info("Dev servers stopped in {} ms (pid {})", Duration.between(started, Instant.now()).toMillis(), process.pid());
            return;
        }
        LOG.warn("Dev servers (pid {}) did not stop within {} s; killing them", process.pid(), STOP_TIMEOUT.toSeconds());
        process.destroyForcibly();
        if (!awaitExit(KILL_TIMEOUT)) {
            LOG.error("Dev servers (pid {}) survived SIGKILL for {} s", process.pid(), KILL_TIMEOUT.toSeconds());
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitReady(Path logFile, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (LogFollower log = new LogFollower(logFile)) {
            while (true) {
                if (log.newLines().stream().anyMatch(line -> line.startsWith(READY_PREFIX))) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("the devservers JVM exited with code " + process.exitValue()
                            + " before it was ready; end of " + logFile + ":\n" + tail(logFile));
                }
                if (Instant.now().isAfter(deadline)) {
                    stop();
                    throw new IllegalStateException("the dev servers were not ready after " + timeout.toSeconds()
                            + " s and have been stopped; end of " + logFile + ":\n" + tail(logFile));
                }
                Thread.sleep(LOG_POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for the dev servers", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Distinct free ports, all held open at once so that no two of them can be the same. */
    private static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 0, InetAddress.getByName(HOST)));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("no free ports on " + HOST, e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Closing a listening socket that never accepted anything; nothing to recover.
                }
            }
        }
    }

    private static String tail(Path file) {
        Deque<String> tail = new ArrayDeque<>(LOG_TAIL_LINES);
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                if (tail.size() == LOG_TAIL_LINES) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
        return String.join("\n", tail);
    }

    /** Reads lines appended to a file since the last call; a trailing partial line waits for its newline. */
    private static final class LogFollower implements AutoCloseable {
        private final Path file;
        private final StringBuilder pending = new StringBuilder();
        private RandomAccessFile reader;

        LogFollower(Path file) {
            this.file = file;
        }

        List<String> newLines() {
            List<String> lines = new ArrayList<>();
            try {
                if (reader == null) {
                    reader = new RandomAccessFile(file.toFile(), "r");
                }
                byte[] buffer = new byte[8192];
                int read;
                while ((read = reader.read(buffer)) > 0) {
                    pending.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                return lines; // Not created yet; the next poll tries again.
            }
            int newline;
            while ((newline = pending.indexOf("\n")) >= 0) {
                lines.add(pending.substring(0, newline).stripTrailing());
                pending.delete(0, newline + 1);
            }
            return lines;
        }

        @Override
        public void close() {
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException e) {
                    // Read-only handle; nothing to recover.
                }
            }
        }
    }
}
