package dev.tessera.sdk.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sdk.TesseraException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {

    /** A stand-in model that knows its version and refuses calls once closed. */
    static final class VersionedModel implements AutoCloseable {
        final String version;
        final AtomicBoolean closed = new AtomicBoolean();

        VersionedModel(String version) {
            this.version = version;
        }

        String predict(int input) {
            if (closed.get()) {
                throw new IllegalStateException("model " + version + " used after close");
            }
            Thread.onSpinWait();
            return version + ":" + input;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static ModelCard card(String version) {
        return new ModelCard("clauses", version, "test", "none", "Apache-2.0", Map.of("accuracy", 1.0), "0".repeat(64));
    }

    @Test
    void hotSwapUnder16CallersLosesNoRequestAndNamesTheServingVersion() throws Exception {
        ModelRegistry<VersionedModel> registry = ModelRegistry.closing();
        List<VersionedModel> models = new ArrayList<>();
        for (int v = 1; v <= 5; v++) {
            models.add(new VersionedModel("v" + v));
        }
        registry.register(card("v1"), models.get(0));
        List<VersionChange> changes = new ArrayList<>();
        registry.addListener(changes::add);

        int callers = 16;
        int callsEach = 2_000;
        AtomicInteger served = new AtomicInteger();
        Map<String, AtomicInteger> perVersion = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int caller = c;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < callsEach; i++) {
                    int input = caller * callsEach + i;
                    Served<String> r = registry.serve("clauses", m -> m.predict(input));
                    // The response names the version that really computed it.
                    assertEquals(r.version() + ":" + input, r.value());
                    perVersion.computeIfAbsent(r.version(), k -> new AtomicInteger()).incrementAndGet();
                    served.incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (int v = 2; v <= 5; v++) {
            Thread.sleep(5);
            registry.register(card("v" + v), models.get(v - 1));
            registry.activate("clauses", "v" + v);
            // Retire the version two steps back while callers may still hold it.
            if (v >= 3) {
                registry.unload("clauses", "v" + (v - 2));
            }
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertEquals(callers * callsEach, served.get(), "every request answered");
        assertEquals(callers * callsEach, perVersion.values().stream().mapToInt(AtomicInteger::get).sum());
        assertEquals("v5", registry.active("clauses").orElseThrow().version());
        assertEquals(4, changes.size());
        assertEquals(new VersionChange("clauses", "v4", "v5", VersionChange.Kind.ACTIVATED), changes.get(3));
        // Retired versions were closed once idle; the active one and its rollback target stay open.
        assertTrue(models.get(0).closed.get() && models.get(1).closed.get() && models.get(2).closed.get());
        assertFalse(models.get(3).closed.get() || models.get(4).closed.get());
    }

    @Test
    void rollbackRestoresThePreviousVersion() {
        ModelRegistry<VersionedModel> registry = ModelRegistry.closing();
        registry.register(card("v1"), new VersionedModel("v1"));
        registry.register(card("v2"), new VersionedModel("v2"));
        assertEquals("v1", registry.serve("clauses", m -> m.version).version(), "first version activates itself");
        registry.activate("clauses", "v2");
        assertEquals("v2", registry.serve("clauses", m -> m.version).value());

        VersionChange change = registry.rollback("clauses");
        assertEquals(new VersionChange("clauses", "v2", "v1", VersionChange.Kind.ROLLED_BACK), change);
        assertEquals("v1", registry.serve("clauses", m -> m.version).value());
        assertThrows(TesseraException.class, () -> registry.rollback("clauses"), "nothing earlier than v1");
    }

    @Test
    void versionsAreImmutableAndErrorsNameTheProblem() {
        ModelRegistry<VersionedModel> registry = ModelRegistry.closing();
        registry.register(card("v1"), new VersionedModel("v1"));
        TesseraException dup = assertThrows(TesseraException.class,
                () -> registry.register(card("v1"), new VersionedModel("v1")));
        assertTrue(dup.getMessage().contains("immutable"));
        assertThrows(ModelNotFoundException.class, () -> registry.activate("clauses", "v9"));
        assertThrows(ModelNotFoundException.class, () -> registry.serve("nope", m -> m.version));
        assertThrows(TesseraException.class, () -> registry.unload("clauses", "v1"), "active version cannot unload");
    }
}
