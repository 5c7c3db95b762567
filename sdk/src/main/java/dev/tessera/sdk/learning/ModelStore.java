package dev.tessera.sdk.learning;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tessera.sdk.ModelLoadException;
import dev.tessera.sdk.TesseraException;
import dev.tessera.sdk.events.EventTopics;
import dev.tessera.sdk.onnx.Sha256;
import dev.tessera.sdk.registry.ModelNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Filesystem model store for one domain. Artifacts are content-addressed ({@code objects/sha256/<hex>}, shared by
 * all domains, checked on every read); each version has an immutable JSON {@link ModelManifest}; the domain's
 * {@link LearnerState} is the one mutable file, replaced atomically under a lock that the learner, the rollback
 * command and the REST call all take.
 *
 * <pre>
 * root/objects/sha256/ab/ab12…                      artifact bytes
 * root/&lt;domain&gt;/models/&lt;tenant&gt;/&lt;model&gt;/v3.json    manifest
 * root/&lt;domain&gt;/state.json (+ state.lock)           offsets, served versions, outbox
 * </pre>
 */
public final class ModelStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();
    private static final long LOCK_TIMEOUT_MS = 30_000;

    private final Path root;
    private final String domain;
    private final Path domainDir;

    private ModelStore(Path root, String domain) {
        this.root = root.toAbsolutePath().normalize();
        this.domain = EventTopics.domain(domain);
        this.domainDir = this.root.resolve(domain);
        try {
            Files.createDirectories(domainDir.resolve("models"));
            Files.createDirectories(this.root.resolve("objects").resolve("sha256"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create model store at " + this.root, e);
        }
    }

    public static ModelStore open(Path root, String domain) {
        return new ModelStore(root, domain);
    }

    public Path root() {
        return root;
    }

    public String domain() {
        return domain;
    }

    /** Stores bytes under their SHA-256 and returns it; storing the same bytes again is a no-op. */
    public String putBlob(byte[] bytes) {
        String sha = Sha256.hex(bytes);
        Path target = blobPath(sha);
        if (!Files.exists(target)) {
            writeAtomically(target, bytes);
        }
        return sha;
    }

    /** @throws ModelLoadException when the blob is missing or its bytes no longer match their address */
    public byte[] blob(String sha) {
        if (sha == null || !sha.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256 hex digest: " + sha);
        }
        Path p = blobPath(sha);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(p);
        } catch (IOException e) {
            throw new ModelLoadException("model store object " + sha + " is missing (" + p + ")", e);
        }
        if (!Sha256.hex(bytes).equals(sha)) {
            throw new ModelLoadException("model store object " + sha + " is corrupt: its content hash differs");
        }
        return bytes;
    }

    /** Writes a manifest. A version is only visible to readers once the state names it, so rewriting an uncommitted one is safe. */
    public void writeManifest(ModelManifest manifest) {
        if (!manifest.domain().equals(domain)) {
            throw new IllegalArgumentException("manifest is for domain " + manifest.domain() + ", store is " + domain);
        }
        try {
            writeAtomically(manifestPath(manifest.key(), manifest.version()), JSON.writeValueAsBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ModelManifest manifest(ModelKey key, String version) {
        Path p = manifestPath(key, version);
        if (!Files.exists(p)) {
            throw new ModelNotFoundException("no version " + version + " of " + key + " in the " + domain + " store");
        }
        try {
            return JSON.readValue(p.toFile(), ModelManifest.class);
        } catch (IOException e) {
            throw new ModelLoadException("manifest " + p + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** Committed versions of a model, oldest first (versions written by a round that never committed are left out). */
    public List<ModelManifest> versions(ModelKey key) {
        LearnerState.ModelEntry entry = state().model(key);
        if (entry == null) {
            return List.of();
        }
        Path dir = domainDir.resolve("models").resolve(key.tenant()).resolve(key.model());
        List<ModelManifest> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.matches("v[0-9]+\\.json")) {
                    int n = Integer.parseInt(name.substring(1, name.length() - 5));
                    if (n < entry.nextVersion()) {
                        out.add(manifest(key, name.substring(0, name.length() - 5)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparingInt(ModelManifest::versionNumber));
        return out;
    }

    /** The version served for {@code key}: its own, else the base model's; empty when neither exists. */
    public Optional<ModelManifest> serving(ModelKey key) {
        LearnerState s = state();
        LearnerState.ModelEntry own = s.model(key);
        if (own != null) {
            return Optional.of(manifest(key, own.current()));
        }
        LearnerState.ModelEntry base = s.model(key.baseKey());
        return base == null ? Optional.empty() : Optional.of(manifest(key.baseKey(), base.current()));
    }

    public LearnerState state() {
        Path p = statePath();
        if (!Files.exists(p)) {
            return LearnerState.empty(domain);
        }
        try {
            return JSON.readValue(p.toFile(), LearnerState.class);
        } catch (IOException e) {
            throw new TesseraException("learner state " + p + " is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the state, applies {@code change} and replaces the file atomically, all under the domain lock (held
     * across processes). {@code change} must not block for long: rollbacks wait for it.
     */
    public LearnerState update(UnaryOperator<LearnerState> change) {
        Path lockFile = domainDir.resolve("state.lock");
        ReentrantLock local = IN_PROCESS_LOCKS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        try {
            if (!local.tryLock(LOCK_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new TesseraException("timed out after " + LOCK_TIMEOUT_MS + " ms waiting for " + lockFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TesseraException("interrupted waiting for " + lockFile, e);
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = acquire(channel, lockFile)) {
            LearnerState next = change.apply(state());
            if (!next.domain().equals(domain)) {
                throw new IllegalArgumentException("state is for domain " + next.domain());
            }
            writeAtomically(statePath(), JSON.writeValueAsBytes(next));
            return next;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            local.unlock();
        }
    }

    private static FileLock acquire(FileChannel channel, Path lockFile) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOCK_TIMEOUT_MS);
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() > deadline) {
                throw new TesseraException("timed out after " + LOCK_TIMEOUT_MS + " ms waiting for " + lockFile
                        + " (another learner or rollback holds it)");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TesseraException("interrupted waiting for " + lockFile, e);
            }
        }
    }

    private Path blobPath(String sha) {
        return root.resolve("objects").resolve("sha256").resolve(sha.substring(0, 2)).resolve(sha);
    }

    private Path manifestPath(ModelKey key, String version) {
        if (!version.matches("v[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("version must be v<n>, was '" + version + "'");
        }
        return domainDir.resolve("models").resolve(key.tenant()).resolve(key.model()).resolve(version + ".json");
    }

    private Path statePath() {
        return domainDir.resolve("state.json");
    }

    /** Write to a temporary file, force it to disk, then rename over the target: readers never see half a file. */
    private static void writeAtomically(Path target, byte[] bytes) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
