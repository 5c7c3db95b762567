package dev.tessera.safety;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the prepared public datasets are for tests that evaluate on them (they skip when it is null). */
public final class SharedTestData {

    private SharedTestData() {
    }

    /** {@code $TESSERA_SHARED_DATA}, else {@code ../shared/data} beside the checkout holding this module; null if neither. */
    public static Path dir() {
        String env = System.getenv("TESSERA_SHARED_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("mvnw")) && Files.isDirectory(d.resolve("sdk"))) {
                return d.resolveSibling("shared").resolve("data");
            }
        }
        return null;
    }
}
