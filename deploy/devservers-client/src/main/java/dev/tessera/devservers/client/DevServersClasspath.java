package dev.tessera.devservers.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the class path of the server JVM, which the tessera-devservers build writes to
 * {@code deploy/devservers/target/devservers.classpath}. Reading it from a file keeps Neo4j and Kafka off the caller's
 * own class path.
 */
final class DevServersClasspath {
    static final String FILE_PROPERTY = "tessera.devservers.classpath";
    private static final List<Path> CANDIDATES_UNDER_ANCESTOR = List.of(
            Path.of("deploy", "devservers", "target", "devservers.classpath"),
            Path.of("devservers", "target", "devservers.classpath"));

    private DevServersClasspath() {}

    static String read() {
        Path file = locate();
        String classPath;
        try {
            classPath = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the devservers class path from " + file + ": " + e.getMessage(), e);
        }
        if (classPath.isEmpty()) {
            throw new IllegalStateException(file + " is empty; rebuild tessera-devservers");
        }
        return classPath;
    }

    /** The file named by the system property, else the first match walking up from the working directory. */
    static Path locate() {
        String configured = System.getProperty(FILE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path file = Path.of(configured);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("-D" + FILE_PROPERTY + " names " + file + ", which does not exist; build it with "
                        + "./mvnw -f deploy/devservers/pom.xml install");
            }
            return file;
        }
        Path workingDirectory = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return findUpwards(workingDirectory).orElseThrow(() -> new IllegalStateException(
                "no deploy/devservers/target/devservers.classpath above " + workingDirectory + "; build it with "
                        + "./mvnw -f deploy/devservers/pom.xml install, or point -D" + FILE_PROPERTY + " at it"));
    }

    static Optional<Path> findUpwards(Path start) {
        for (Path directory = start; directory != null; directory = directory.getParent()) {
            for (Path candidate : CANDIDATES_UNDER_ANCESTOR) {
                Path file = directory.resolve(candidate);
                if (Files.isRegularFile(file)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }
}
