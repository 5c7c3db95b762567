package dev.tessera.sdk.batch;

import dev.tessera.sdk.OverloadedException;
import dev.tessera.sdk.TesseraException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * Coalesces concurrent single-item requests into model batches.
 *
 * <p>A worker thread (one or more) takes the oldest request, then gathers more until {@code maxBatchSize} are in hand or the
 * oldest has waited {@code maxWait}; the gathered requests are grouped by length with a {@link BatchPlanner} so
 * short inputs are not padded to the longest, and each group is one call of the batch function. Requests wait in
 * a bounded queue: when it is full, {@link #submit} throws {@link OverloadedException} at once instead of letting
 * memory grow.
 *
 * <p>Metrics (tag {@code batcher=<name>}): {@code tessera.batch.size}, {@code tessera.batch.queue.wait},
 * {@code tessera.batch.inference}, {@code tessera.batch.rejected}, {@code tessera.batch.queue.depth}.
 */
public final class DynamicBatcher<I, O> implements AutoCloseable {

    /** One model call over a group of inputs; returns one output per input, in order. */
    @FunctionalInterface
    public interface BatchFunction<I, O> {
        List<O> apply(List<I> batch) throws Exception;
    }

    private record Pending<I, O>(I input, long enqueuedNanos, CompletableFuture<O> result) {
    }

    private final String name;
    private final BatchFunction<I, O> function;
    private final ToIntFunction<I> length;
    private final BatchPlanner planner;
    private final long maxWaitNanos;
    private final ArrayBlockingQueue<Pending<I, O>> queue;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean accepting = true;

    private final DistributionSummary batchSize;
    private final Timer queueWait;
    private final Timer inference;
    private final Counter rejected;

    private DynamicBatcher(Builder<I, O> b) {
        this.name = b.name;
        this.function = b.function;
        this.length = b.length;
        this.planner = new BatchPlanner(b.maxBatchSize, b.maxBatchTokens, b.maxPaddingFraction);
        this.maxWaitNanos = b.maxWait.toNanos();
        this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
        MeterRegistry registry = b.meterRegistry;
        this.batchSize = DistributionSummary.builder("tessera.batch.size").tag("batcher", name)
                .description("Inputs per model call").register(registry);
        this.queueWait = Timer.builder("tessera.batch.queue.wait").tag("batcher", name)
                .description("Time a request waits before its model call starts").register(registry);
        this.inference = Timer.builder("tessera.batch.inference").tag("batcher", name)
                .description("Duration of one model call").register(registry);
        this.rejected = Counter.builder("tessera.batch.rejected").tag("batcher", name)
                .description("Requests refused because the queue was full").register(registry);
        Gauge.builder("tessera.batch.queue.depth", queue, ArrayBlockingQueue::size).tag("batcher", name)
                .description("Requests waiting").register(registry);
        for (int i = 0; i < b.workers; i++) {
            Thread worker = new Thread(this::runWorker, "tessera-batcher-" + name + "-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    public static <I, O> Builder<I, O> builder(String name, BatchFunction<I, O> function) {
        return new Builder<>(name, function);
    }

    /**
     * Queues one input.
     *
     * @throws OverloadedException when the queue is full
     */
    public CompletableFuture<O> submit(I input) {
        Objects.requireNonNull(input, "input");
        if (!accepting) {
            throw new TesseraException("Batcher '" + name + "' is closed");
        }
        Pending<I, O> p = new Pending<>(input, System.nanoTime(), new CompletableFuture<>());
        if (!queue.offer(p)) {
            rejected.increment();
            throw new OverloadedException("Batcher '" + name + "' is overloaded: " + queue.size()
                    + " requests already waiting (capacity " + (queue.size() + queue.remainingCapacity())
                    + "); retry later");
        }
        return p.result();
    }

    private void runWorker() {
        List<Pending<I, O>> gathered = new ArrayList<>();
        while (accepting || !queue.isEmpty()) {
            try {
                Pending<I, O> first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                gathered.clear();
                gathered.add(first);
                long deadline = first.enqueuedNanos() + maxWaitNanos;
                while (gathered.size() < planner.maxBatchSize()) {
                    queue.drainTo(gathered, planner.maxBatchSize() - gathered.size());
                    long remaining = deadline - System.nanoTime();
                    if (gathered.size() >= planner.maxBatchSize() || remaining <= 0) {
                        break;
                    }
                    Pending<I, O> next = queue.poll(remaining, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    gathered.add(next);
                }
                process(gathered);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                // A bug in planning must not kill the worker and strand every later request.
                gathered.forEach(p -> p.result().completeExceptionally(e));
            }
        }
    }

    private void process(List<Pending<I, O>> gathered) {
        List<int[]> groups = planner.plan(gathered, p -> length.applyAsInt(p.input()));
        for (int[] group : groups) {
            List<I> inputs = new ArrayList<>(group.length);
            long start = System.nanoTime();
            for (int idx : group) {
                Pending<I, O> p = gathered.get(idx);
                inputs.add(p.input());
                queueWait.record(start - p.enqueuedNanos(), TimeUnit.NANOSECONDS);
            }
            batchSize.record(group.length);
            try {
                List<O> outputs = function.apply(inputs);
                inference.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                if (outputs.size() != group.length) {
                    throw new IllegalStateException("batch function returned " + outputs.size() + " results for "
                            + group.length + " inputs");
                }
                for (int k = 0; k < group.length; k++) {
                    gathered.get(group[k]).result().complete(outputs.get(k));
                }
            } catch (Exception e) {
                for (int idx : group) {
                    gathered.get(idx).result().completeExceptionally(e);
                }
            }
        }
    }

    private void failAll(TesseraException e) {
        Pending<I, O> p;
        while ((p = queue.poll()) != null) {
            p.result().completeExceptionally(e);
        }
    }

    public int queueDepth() {
        return queue.size();
    }

    /** Stops accepting requests, runs those already queued (up to 10 s), then stops the worker. */
    @Override
    public void close() {
        accepting = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (worker.isAlive()) {
                worker.interrupt();
            }
        }
        failAll(new TesseraException("Batcher '" + name + "' closed before the request ran"));
    }

    public static final class Builder<I, O> {
        private final String name;
        private final BatchFunction<I, O> function;
        private ToIntFunction<I> length = x -> 1;
        private int maxBatchSize = 32;
        private int maxBatchTokens = 16_384;
        private double maxPaddingFraction = 0.3;
        private Duration maxWait = Duration.ofMillis(2);
        private int queueCapacity = 1024;
        private MeterRegistry meterRegistry = Metrics.globalRegistry;
        private int workers = 1;

        private Builder(String name, BatchFunction<I, O> function) {
            this.name = Objects.requireNonNull(name, "name");
            this.function = Objects.requireNonNull(function, "function");
        }

        /** Cost of an input in padded positions (tokens); inputs are grouped by it. Default: every input costs 1. */
        public Builder<I, O> length(ToIntFunction<I> length) {
            this.length = Objects.requireNonNull(length);
            return this;
        }

        /** Most inputs in one model call (default 32). */
        public Builder<I, O> maxBatchSize(int n) {
            this.maxBatchSize = n;
            return this;
        }

        /** Most padded positions in one model call (default 16384). */
        public Builder<I, O> maxBatchTokens(int n) {
            this.maxBatchTokens = n;
            return this;
        }

        /** Largest padded share of a model call before the group is split (default 0.3). */
        public Builder<I, O> maxPaddingFraction(double f) {
            this.maxPaddingFraction = f;
            return this;
        }

        /** Longest a request waits for others to join its batch (default 2 ms). */
        public Builder<I, O> maxWait(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("maxWait must not be negative");
            }
            this.maxWait = d;
            return this;
        }

        /** Requests that may wait; beyond it submit() throws OverloadedException (default 1024). */
        public Builder<I, O> queueCapacity(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("queueCapacity must be >= 1");
            }
            this.queueCapacity = n;
            return this;
        }

        public Builder<I, O> meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry);
            return this;
        }

        /** Worker threads, each gathering and running its own batches (default 1). */
        public Builder<I, O> workers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("workers must be >= 1");
            }
            this.workers = n;
            return this;
        }

        public DynamicBatcher<I, O> build() {
            return new DynamicBatcher<>(this);
        }
    }
}
