package dev.tessera.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the prepared public datasets ({@code ../shared/data} beside the checkout). They are never copied into
 * the project; commands that need them say so clearly when they are absent.
 */
final class SharedData {

    private SharedData() {
    }

    /** {@code $TESSERA_SHARED_DATA}, else {@code <project root>/../shared/data}, if that directory exists. */
    static Optional<Path> root() {
        String env = System.getenv("TESSERA_SHARED_DATA");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("mvnw")) && Files.isDirectory(d.resolve("sdk"))) {
                Path shared = d.resolveSibling("shared").resolve("data");
                return Files.isDirectory(shared) ? Optional.of(shared) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
