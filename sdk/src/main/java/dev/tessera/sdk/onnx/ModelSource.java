package dev.tessera.sdk.onnx;

import dev.tessera.sdk.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a model or tokenizer file comes from: the file system, the class path (the weights that ship in Maven
 * jars) or memory (graphs built by the SDK). Nothing is ever fetched from the network.
 */
public sealed interface ModelSource {

    /** Human-readable location, used in error messages and model cards. */
    String description();

    /** Reads the whole artifact, or fails with a {@link ModelLoadException} naming the location. */
    byte[] readAllBytes();

    /** Opens a stream over the artifact, or fails with a {@link ModelLoadException} naming the location. */
    default InputStream open() {
        return new java.io.ByteArrayInputStream(readAllBytes());
    }

    static ModelSource file(Path path) {
        return new FileSource(path);
    }

    static ModelSource classpath(String resource) {
        return new ClasspathSource(resource, ModelSource.class.getClassLoader());
    }

    static ModelSource bytes(String name, byte[] content) {
        return new InMemorySource(name, content);
    }

    record FileSource(Path path) implements ModelSource {
        public FileSource {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String description() {
            return "file " + path.toAbsolutePath();
        }

        @Override
        public byte[] readAllBytes() {
            try {
                return Files.readAllBytes(path);
            } catch (NoSuchFileException e) {
                throw new ModelLoadException("Model file not found: " + path.toAbsolutePath());
            } catch (IOException e) {
                throw new ModelLoadException("Cannot read model file " + path.toAbsolutePath() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public InputStream open() {
            try {
                return Files.newInputStream(path);
            } catch (NoSuchFileException e) {
                throw new ModelLoadException("Model file not found: " + path.toAbsolutePath());
            } catch (IOException e) {
                throw new ModelLoadException("Cannot read model file " + path.toAbsolutePath() + ": " + e.getMessage(), e);
            }
        }
    }

    record ClasspathSource(String resource, ClassLoader classLoader) implements ModelSource {
        public ClasspathSource {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(classLoader, "classLoader");
        }

        @Override
        public String description() {
            return "classpath:" + resource;
        }

        @Override
        public byte[] readAllBytes() {
            try (InputStream in = open()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new ModelLoadException("Cannot read " + description() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public InputStream open() {
            InputStream in = classLoader.getResourceAsStream(resource);
            if (in == null) {
                throw new ModelLoadException("Model resource not found on the class path: " + resource
                        + " (is the jar that ships it a dependency?)");
            }
            return in;
        }
    }

    record InMemorySource(String name, byte[] content) implements ModelSource {
        public InMemorySource {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public String description() {
            return "memory:" + name;
        }

        @Override
        public byte[] readAllBytes() {
            return content.clone();
        }
    }
}
