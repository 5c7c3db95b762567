package dev.tessera.sdk.registry;

import dev.tessera.sdk.TesseraException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named models with immutable versions, one active version per name.
 *
 * <p>{@link #serve} runs a call on the active version under a lease; {@link #activate} swaps the active version
 * atomically, so a call either runs wholly on the old version or wholly on the new one, and none is dropped.
 * Versions stay loaded after a swap (so {@link #rollback} is instant) until {@link #unload} retires them; a
 * retired version is closed only when its last in-flight call has finished.
 *
 * @param <M> the model type (encoder, classifier, …)
 */
public final class ModelRegistry<M> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private final Consumer<M> closer;
    private final Map<String, Entry<M>> models = new ConcurrentHashMap<>();
    private final List<VersionListener> listeners = new CopyOnWriteArrayList<>();

    /** @param closer releases a model's resources once it is retired and idle */
    public ModelRegistry(Consumer<M> closer) {
        this.closer = Objects.requireNonNull(closer, "closer");
    }

    /** A registry whose models are {@link AutoCloseable} and closed when retired. */
    public static <M extends AutoCloseable> ModelRegistry<M> closing() {
        return new ModelRegistry<>(m -> {
            try {
                m.close();
            } catch (Exception e) {
                LOG.warn("Closing a retired model failed: {}", e.toString());
            }
        });
    }

    /**
     * Adds a version. Versions are immutable: registering a name and version that exist already fails.
     * The first version of a model becomes active at once.
     */
    public void register(ModelCard card, M model) {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(model, "model");
        Entry<M> entry = models.computeIfAbsent(card.name(), n -> new Entry<>());
        boolean first;
        synchronized (entry) {
            if (entry.versions.containsKey(card.version())) {
                throw new TesseraException("Model '" + card.name() + "' already has version '" + card.version()
                        + "'; versions are immutable, register a new version instead");
            }
            entry.versions.put(card.version(), new Loaded<>(card, model));
            first = entry.active.get() == null;
        }
        if (first) {
            activate(card.name(), card.version());
        }
    }

    /** Makes {@code version} the one that serves; the version it replaces stays loaded for rollback. */
    public VersionChange activate(String name, String version) {
        Entry<M> entry = entry(name);
        VersionChange change;
        synchronized (entry) {
            Loaded<M> target = entry.versions.get(version);
            if (target == null || target.retired) {
                throw new ModelNotFoundException("Model '" + name + "' has no loaded version '" + version
                        + "'; loaded: " + loadedVersions(entry));
            }
            Loaded<M> previous = entry.active.getAndSet(target);
            if (previous == target) {
                return new VersionChange(name, version, version, VersionChange.Kind.ACTIVATED);
            }
            if (previous != null) {
                entry.history.push(previous.card.version());
            }
            change = new VersionChange(name, previous == null ? null : previous.card.version(), version,
                    VersionChange.Kind.ACTIVATED);
        }
        notifyListeners(change);
        return change;
    }

    /** Returns to the version that was active before the current one. */
    public VersionChange rollback(String name) {
        Entry<M> entry = entry(name);
        VersionChange change;
        synchronized (entry) {
            Loaded<M> current = entry.active.get();
            Loaded<M> target = null;
            while (!entry.history.isEmpty() && target == null) {
                Loaded<M> candidate = entry.versions.get(entry.history.pop());
                if (candidate != null && !candidate.retired) {
                    target = candidate;
                }
            }
            if (target == null) {
                throw new TesseraException("Model '" + name + "' has no earlier loaded version to roll back to");
            }
            entry.active.set(target);
            change = new VersionChange(name, current.card.version(), target.card.version(),
                    VersionChange.Kind.ROLLED_BACK);
        }
        notifyListeners(change);
        return change;
    }

    /**
     * Runs {@code call} on the active version. The version cannot be closed while the call runs.
     *
     * @throws ModelNotFoundException when the model is unknown
     */
    public <R> Served<R> serve(String name, Function<? super M, ? extends R> call) {
        Entry<M> entry = entry(name);
        while (true) {
            Loaded<M> loaded = entry.active.get();
            if (loaded == null) {
                throw new ModelNotFoundException("Model '" + name + "' has no active version");
            }
            if (!loaded.tryAcquire()) {
                continue; // retired and closed between the read and the lease: read the new active version
            }
            try {
                return new Served<>(call.apply(loaded.model), name, loaded.card.version());
            } finally {
                loaded.release(closer);
            }
        }
    }

    /**
     * Retires a version that is neither active nor needed any more; it is closed once its in-flight calls end.
     */
    public void unload(String name, String version) {
        Entry<M> entry = entry(name);
        Loaded<M> loaded;
        synchronized (entry) {
            loaded = entry.versions.get(version);
            if (loaded == null) {
                throw new ModelNotFoundException("Model '" + name + "' has no version '" + version + "'");
            }
            if (entry.active.get() == loaded) {
                throw new TesseraException("Cannot unload the active version '" + version + "' of model '" + name
                        + "'; activate another version first");
            }
            entry.versions.remove(version);
            entry.history.remove(version);
        }
        loaded.retire(closer);
    }

    public Optional<ModelCard> active(String name) {
        Entry<M> entry = models.get(name);
        if (entry == null || entry.active.get() == null) {
            return Optional.empty();
        }
        return Optional.of(entry.active.get().card);
    }

    /** Cards of every loaded version of {@code name}, in registration order. */
    public List<ModelCard> versions(String name) {
        Entry<M> entry = entry(name);
        synchronized (entry) {
            return entry.versions.values().stream().map(l -> l.card).toList();
        }
    }

    public List<String> modelNames() {
        return List.copyOf(models.keySet());
    }

    public void addListener(VersionListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(VersionListener listener) {
        listeners.remove(listener);
    }

    /** Retires every version; each is closed when its in-flight calls end. */
    @Override
    public void close() {
        for (Entry<M> entry : models.values()) {
            List<Loaded<M>> all;
            synchronized (entry) {
                all = new ArrayList<>(entry.versions.values());
                entry.versions.clear();
                entry.active.set(null);
            }
            all.forEach(l -> l.retire(closer));
        }
        models.clear();
    }

    private void notifyListeners(VersionChange change) {
        LOG.info("Model '{}' now serves version '{}' ({} from '{}')", change.model(), change.current(),
                change.kind(), change.previous());
        for (VersionListener l : listeners) {
            try {
                l.onVersionChange(change);
            } catch (RuntimeException e) {
                LOG.warn("Version listener failed on {}: {}", change, e.toString());
            }
        }
    }

    private Entry<M> entry(String name) {
        Entry<M> entry = models.get(name);
        if (entry == null) {
            throw new ModelNotFoundException("No model named '" + name + "'; known: " + models.keySet());
        }
        return entry;
    }

    private static <M> List<String> loadedVersions(Entry<M> entry) {
        return new ArrayList<>(entry.versions.keySet());
    }

    private static final class Entry<M> {
        final Map<String, Loaded<M>> versions = new LinkedHashMap<>();
        final AtomicReference<Loaded<M>> active = new AtomicReference<>();
        final Deque<String> history = new ArrayDeque<>();
    }

    /**
     * A loaded version with a lease count. {@code leases} is the number of in-flight calls, or -1 once closed;
     * closing claims 0 → -1 atomically, so a lease can never be granted on a closed model.
     */
    private static final class Loaded<M> {
        final ModelCard card;
        final M model;
        final AtomicInteger leases = new AtomicInteger();
        volatile boolean retired;

        Loaded(ModelCard card, M model) {
            this.card = card;
            this.model = model;
        }

        boolean tryAcquire() {
            while (true) {
                int n = leases.get();
                if (n < 0) {
                    return false;
                }
                if (leases.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }

        void release(Consumer<M> closer) {
            if (leases.decrementAndGet() == 0 && retired) {
                closeIfIdle(closer);
            }
        }

        void retire(Consumer<M> closer) {
            retired = true;
            closeIfIdle(closer);
        }

        private void closeIfIdle(Consumer<M> closer) {
            if (leases.compareAndSet(0, -1)) {
                closer.accept(model);
            }
        }
    }
}
