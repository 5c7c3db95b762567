package dev.tessera.devservers.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevServersClasspathTest {
    @Test
    void findsTheClasspathFileFromAnyModuleBelowTheProjectRoot(@TempDir Path projectRoot) throws IOException {
        Path classpathFile = projectRoot.resolve("deploy/devservers/target/devservers.classpath");
        Files.createDirectories(classpathFile.getParent());
        Files.writeString(classpathFile, "classes");
        Path someModule = Files.createDirectories(projectRoot.resolve("services/ingest/target"));

        assertEquals(Optional.of(classpathFile), DevServersClasspath.findUpwards(someModule));
        assertEquals(Optional.of(classpathFile), DevServersClasspath.findUpwards(projectRoot.resolve("deploy")));
    }

    @Test
    void findsNothingOutsideTheProject(@TempDir Path elsewhere) {
        assertTrue(DevServersClasspath.findUpwards(elsewhere).isEmpty());
    }
}
