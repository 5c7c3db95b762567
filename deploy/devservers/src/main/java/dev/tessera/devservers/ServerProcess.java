package dev.tessera.devservers;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Launches {@code run} in a background JVM and stops such a JVM again. */
final class ServerProcess {
    /** Heap for both servers together; Neo4j's page cache (64 MiB) lives outside it. Kept in step with DevServers in tessera-devservers-client. */
    static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
    /** Overrides for large dev graphs (the graph benchmark): heap size, e.g. {@code 4g}. */
    static final String HEAP_ENV = "TESSERA_DEVSERVERS_HEAP";
    /** Neo4j page cache size, e.g. {@code 2g}; read by {@link EmbeddedNeo4j} from the system property below. */
    static final String PAGECACHE_ENV = "TESSERA_DEVSERVERS_PAGECACHE";
    static final String PAGECACHE_PROPERTY = "tessera.devservers.pagecache";
    /** Further JVM options, space-separated, added last so they win (e.g. another garbage collector). */
    static final String JAVA_OPTS_ENV = "TESSERA_DEVSERVERS_JAVA_OPTS";

    /** The JVM options with the operator's environment overrides applied. */
    static List<String> jvmOptions() {
        return jvmOptions(System::getenv);
    }

    static List<String> jvmOptions(UnaryOperator<String> env) {
        List<String> options = new ArrayList<>();
        String heap = env.apply(HEAP_ENV);
        boolean large = heap != null && !heap.isBlank();
        for (String o : JVM_OPTIONS) {
            if (large && o.startsWith("-Xmx")) {
                options.add("-Xmx" + heap.strip());
            } else if (large && o.equals("-XX:+UseSerialGC")) {
                // Serial collection of a multi-GB young generation pauses queries for tens of ms; G1 keeps pauses short.
                options.add("-XX:+UseG1GC");
                options.add("-XX:MaxGCPauseMillis=10");
            } else {
                options.add(o);
            }
        }
        String pageCache = env.apply(PAGECACHE_ENV);
        if (pageCache != null && !pageCache.isBlank()) {
            options.add("-D" + PAGECACHE_PROPERTY + "=" + pageCache.strip());
        }
        String extra = env.apply(JAVA_OPTS_ENV);
        if (extra != null && !extra.isBlank()) {
            List<String> added = List.of(extra.strip().split("\\s+"));
            if (added.stream().anyMatch(ServerProcess::selectsCollector)) {
                // The JVM refuses two collectors, so the operator's choice replaces the default one.
                options.removeIf(o -> selectsCollector(o) || o.startsWith("-XX:MaxGCPauseMillis"));
            }
            options.addAll(added);
        }
        return options;
    }

    private static boolean selectsCollector(String option) {
        return option.startsWith("-XX:+Use") && option.endsWith("GC");
    }

    private static final Duration LOG_POLL = Duration.ofMillis(100);
    private static final Duration EXIT_POLL = Duration.ofMillis(50);
    private static final int LOG_TAIL_LINES = 30;

    private ServerProcess() {}

    static Process launch(DataDirectory dataDirectory, DataDirectory.Endpoints endpoints, String classPath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.addAll(List.of("-cp", classPath, DevServersMain.class.getName(), "run",
                "--data-dir", dataDirectory.root().toString(),
                "--bolt-port", String.valueOf(endpoints.boltPort()),
                "--kafka-port", String.valueOf(endpoints.kafkaPort())));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dataDirectory.logFile().toFile())
                    .start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new DevServersFailure("cannot launch " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** Follows the log the process writes until it prints the READY line; stops the process on failure. */
    static void awaitReady(Process process, DataDirectory dataDirectory, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        try (LogFollower log = new LogFollower(dataDirectory.logFile())) {
            while (true) {
                for (String line : log.newLines()) {
                    if (line.startsWith(DataDirectory.READY_PREFIX)) {
                        return;
                    }
                }
                if (!process.isAlive()) {
                    throw new DevServersFailure("server JVM exited with code " + process.exitValue() + " before it was ready; last lines of "
                            + dataDirectory.logFile() + ":" + System.lineSeparator() + dataDirectory.logTail(LOG_TAIL_LINES));
                }
                if (Instant.now().isAfter(deadline)) {
                    stop(process.toHandle(), Duration.ofSeconds(10));
                    throw new DevServersFailure("servers not ready after " + timeout.toSeconds() + " s, stopped them; last lines of "
                            + dataDirectory.logFile() + ":" + System.lineSeparator() + dataDirectory.logTail(LOG_TAIL_LINES));
                }
                Thread.sleep(LOG_POLL.toMillis());
            }
        }
    }

    /**
     * SIGTERM, then SIGKILL if the process outlives the grace period.
     *
     * @return whether the process stopped by itself within the grace period
     */
    static boolean stop(ProcessHandle process, Duration gracePeriod) throws InterruptedException {
        process.destroy();
        if (awaitExit(process, gracePeriod)) {
            return true;
        }
        process.destroyForcibly();
        if (!awaitExit(process, Duration.ofSeconds(10))) {
            throw new DevServersFailure("pid " + process.pid() + " survived SIGKILL for 10 s");
        }
        return false;
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!hasExited(process)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(EXIT_POLL.toMillis());
        }
        return true;
    }

    /**
     * A background server outlives the {@code start} JVM, so its parent is init; once stopped it stays a zombie until
     * init reaps it, which some container inits do late or never. {@link ProcessHandle#isAlive()} counts zombies as alive.
     */
    private static boolean hasExited(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"), StandardCharsets.UTF_8);
            int endOfCommandName = stat.lastIndexOf(')');
            return endOfCommandName > 0 && stat.length() > endOfCommandName + 2 && stat.charAt(endOfCommandName + 2) == 'Z';
        } catch (IOException e) {
            return false; // No procfs (macOS): isAlive() is all there is.
        }
    }

    /** Reads lines appended to a file since the last call; a trailing partial line waits for its newline. */
    private static final class LogFollower implements AutoCloseable {
        private final Path file;
        private RandomAccessFile reader;
        private final StringBuilder partialLine = new StringBuilder();

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
                    partialLine.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                return lines; // Not created yet; the next poll tries again.
            }
            int newline;
            while ((newline = partialLine.indexOf("\n")) >= 0) {
                lines.add(partialLine.substring(0, newline).stripTrailing());
                partialLine.delete(0, newline + 1);
            }
            return lines;
        }

        @Override
        public void close() {
            try {
                if (reader != null) {
                    reader.close();
                }
            } catch (IOException e) {
                // Read-only handle; nothing to recover.
            }
        }
    }
}
