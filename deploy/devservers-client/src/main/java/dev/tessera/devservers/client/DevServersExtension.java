package dev.tessera.devservers.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a {@link DevServers} into test and lifecycle method parameters. All test classes of one test run (one JVM
 * fork) share a single server JVM, started on first use with a fresh temporary data dir, and stopped, its data dir
 * deleted, when the run ends.
 *
 * <pre>{@code
 * @ExtendWith(DevServersExtension.class)
 * class GraphWriterIT {
 *     @Test
 *     void writes(DevServers servers) { ... servers.boltUri() ... }
 * }
 * }</pre>
 */
public final class DevServersExtension implements ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(DevServersExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == DevServers.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        // The root context's store lives as long as the test run and closes its CloseableResources at the end.
        return extensionContext.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedDevServers.class, key -> SharedDevServers.start(), SharedDevServers.class)
                .servers;
    }

    private static final class SharedDevServers implements ExtensionContext.Store.CloseableResource {
        private final DevServers servers;

        private SharedDevServers(DevServers servers) {
            this.servers = servers;
        }

        static SharedDevServers start() {
            try {
                return new SharedDevServers(DevServers.startOnFreePorts(Files.createTempDirectory("tessera-devservers-")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a data dir for the dev servers", e);
            }
        }

        @Override
        public void close() throws IOException {
            servers.close();
            deleteRecursively(servers.dataDir());
        }

        private static void deleteRecursively(Path root) throws IOException {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
    }
}
