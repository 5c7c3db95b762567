package dev.tessera.devservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Where one dev-servers instance keeps its state. Everything lives under a single root so that deleting it resets
 * both databases, and so that two instances never share files.
 */
final class DataDirectory {
    static final String READY_PREFIX = "READY ";

    private final Path root;
    // Strongly held: an unreachable channel gets closed by its cleaner, which would release the lock.
    private FileChannel claimedPidFile;

    DataDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** {@code $TESSERA_HOME/devservers}, with TESSERA_HOME defaulting to {@code ~/.tessera}. */
    static Path defaultRoot() {
        String tesseraHome = System.getenv("TESSERA_HOME");
        Path home = tesseraHome == null || tesseraHome.isBlank()
                ? Path.of(System.getProperty("user.home"), ".tessera")
                : Path.of(tesseraHome);
        return home.resolve("devservers");
    }

    Path root() {
        return root;
    }

    Path neo4jHome() {
        return root.resolve("neo4j");
    }

    Path kafkaLogDir() {
        return root.resolve("kafka").resolve("data");
    }

    Path kafkaClusterIdFile() {
        return root.resolve("kafka").resolve("cluster.id");
    }

    Path logFile() {
        return root.resolve("devservers.log");
    }

    Path pidFile() {
        return root.resolve("devservers.pid");
    }

    /** Written once both servers answer, so that {@code status} knows which ports to probe. */
    Path endpointsFile() {
        return root.resolve("devservers.endpoints");
    }

    void create() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new DevServersFailure("cannot create data dir " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes this process the owner of the data dir until it exits. The lock on the pid file, not the pid in it, is what
     * says a server is alive: the OS drops it even on kill -9, and it cannot be fooled by a recycled pid.
     */
    void claimForThisProcess() {
        long pid = ProcessHandle.current().pid();
        try {
            FileChannel pidChannel = FileChannel.open(pidFile(), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (pidChannel.tryLock() == null) {
                pidChannel.close();
                throw new DevServersFailure("data dir " + root + " is in use by devservers pid " + readPid().map(String::valueOf).orElse("?"));
            }
            pidChannel.truncate(0);
            pidChannel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.UTF_8)));
            pidChannel.force(false);
            claimedPidFile = pidChannel;
        } catch (IOException e) {
            throw new DevServersFailure("cannot write " + pidFile() + ": " + e.getMessage(), e);
        }
    }

    /** The server JVM that owns this data dir, if one is alive. */
    Optional<ProcessHandle> runningServer() {
        if (!Files.exists(pidFile())) {
            return Optional.empty();
        }
        try (FileChannel pidChannel = FileChannel.open(pidFile(), StandardOpenOption.READ)) {
            FileLock probe = pidChannel.tryLock(0, Long.MAX_VALUE, true);
            if (probe != null) {
                probe.release();
                return Optional.empty(); // Left behind by a server that was killed.
            }
        } catch (OverlappingFileLockException e) {
            // This very JVM holds the lock.
        } catch (IOException e) {
            return Optional.empty();
        }
        return readPid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    }

    Optional<Long> readPid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile(), StandardCharsets.UTF_8).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    void writeEndpoints(Endpoints endpoints) {
        writeAtomically(endpointsFile(), "bolt.port=" + endpoints.boltPort() + "\nkafka.port=" + endpoints.kafkaPort() + "\n");
    }

    Optional<Endpoints> readEndpoints() {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(endpointsFile(), StandardCharsets.UTF_8)) {
            properties.load(reader);
            return Optional.of(new Endpoints(
                    Integer.parseInt(properties.getProperty("bolt.port")), Integer.parseInt(properties.getProperty("kafka.port"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void deleteRunFiles() {
        for (Path file : List.of(pidFile(), endpointsFile())) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                System.err.println("devservers: could not delete " + file + ": " + e.getMessage());
            }
        }
    }

    /** The last {@code lines} lines of the log, for error messages. */
    String logTail(int lines) {
        if (!Files.isRegularFile(logFile())) {
            return "(no log at " + logFile() + ")";
        }
        Deque<String> tail = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(logFile(), StandardCharsets.UTF_8)) {
            all.forEach(line -> {
                if (tail.size() == lines) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile() + ": " + e.getMessage() + ")";
        }
        return String.join(System.lineSeparator(), tail);
    }

    private static void writeAtomically(Path target, String content) {
        try {
            Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DevServersFailure("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    record Endpoints(int boltPort, int kafkaPort) {
        String boltUri() {
            return "bolt://" + Loopback.HOST + ":" + boltPort;
        }

        String kafkaBootstrap() {
            return Loopback.HOST + ":" + kafkaPort;
        }

        String readyLine() {
            return READY_PREFIX + "bolt=" + boltUri() + " kafka=" + kafkaBootstrap();
        }
    }
}
