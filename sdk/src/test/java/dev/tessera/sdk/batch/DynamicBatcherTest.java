package dev.tessera.sdk.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sdk.OverloadedException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {

    @Test
    void concurrentCallersShareBatchesAndGetTheirOwnResults() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<Integer> batchSizes = java.util.Collections.synchronizedList(new ArrayList<>());
        try (DynamicBatcher<Integer, Integer> batcher = DynamicBatcher.<Integer, Integer>builder("double", batch -> {
                    batchSizes.add(batch.size());
                    Thread.sleep(2); // a model call costs time, so callers pile up behind it
                    return batch.stream().map(x -> x * 2).toList();
                }).maxBatchSize(16).maxWait(Duration.ofMillis(5)).meterRegistry(meters).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                int caller = c;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        int x = caller * 1000 + i;
                        assertEquals(2 * x, batcher.submit(x).get(10, TimeUnit.SECONDS));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        assertEquals(1600, batchSizes.stream().mapToInt(Integer::intValue).sum());
        double mean = meters.get("tessera.batch.size").summary().mean();
        assertTrue(mean > 2, "requests were coalesced, mean batch " + mean);
        assertEquals(1600, meters.get("tessera.batch.queue.wait").timer().count());
        assertEquals(batchSizes.size(), meters.get("tessera.batch.inference").timer().count());
    }

    @Test
    void fullQueueRejectsWithOverloadedException() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CountDownLatch release = new CountDownLatch(1);
        try (DynamicBatcher<Integer, Integer> batcher = DynamicBatcher.<Integer, Integer>builder("blocked", batch -> {
                    release.await(10, TimeUnit.SECONDS);
                    return batch;
                }).maxBatchSize(1).queueCapacity(4).meterRegistry(meters).build()) {
            List<CompletableFuture<Integer>> accepted = new ArrayList<>();
            accepted.add(batcher.submit(0));
            Thread.sleep(50); // the worker takes request 0 and blocks in the model call
            for (int i = 1; i <= 4; i++) {
                accepted.add(batcher.submit(i));
            }
            OverloadedException e = assertThrows(OverloadedException.class, () -> batcher.submit(99));
            assertTrue(e.getMessage().contains("capacity 4"), e.getMessage());
            assertEquals(1.0, meters.get("tessera.batch.rejected").counter().count());
            release.countDown();
            for (int i = 0; i < accepted.size(); i++) {
                assertEquals(i, accepted.get(i).get(10, TimeUnit.SECONDS), "accepted requests still complete");
            }
        }
    }

    @Test
    void failingModelCallFailsOnlyItsOwnRequests() throws Exception {
        try (DynamicBatcher<Integer, Integer> batcher = DynamicBatcher.<Integer, Integer>builder("flaky", batch -> {
                    if (batch.contains(13)) {
                        throw new IllegalStateException("bad batch");
                    }
                    return batch;
                }).maxBatchSize(1).build()) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> batcher.submit(13).get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals(7, batcher.submit(7).get(10, TimeUnit.SECONDS), "the worker survives a failed call");
        }
    }

    @Test
    void plannerGroupsByLengthToLimitPadding() {
        BatchPlanner planner = new BatchPlanner(8, 10_000, 0.2);
        List<Integer> lengths = List.of(100, 10, 11, 12, 98, 10, 99, 12);
        List<int[]> groups = planner.plan(lengths, Integer::intValue);
        assertEquals(2, groups.size(), "short and long texts are not padded together");
        for (int[] g : groups) {
            int max = 0;
            int sum = 0;
            for (int i : g) {
                max = Math.max(max, lengths.get(i));
                sum += lengths.get(i);
            }
            assertTrue(1 - (double) sum / (max * g.length) <= 0.2);
        }
        assertEquals(8, groups.stream().mapToInt(g -> g.length).sum(), "every item planned once");
        assertEquals(3, new BatchPlanner(3, 10_000, 0.9).plan(List.of(1, 1, 1, 1, 1, 1, 1), Integer::intValue).size());
    }
}
