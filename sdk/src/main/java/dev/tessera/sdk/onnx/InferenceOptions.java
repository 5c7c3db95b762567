package dev.tessera.sdk.onnx;

/**
 * How ONNX Runtime sessions are created and driven.
 *
 * @param device            which provider to ask for: {@link Device#AUTO} uses CUDA when the {@code onnxruntime_gpu}
 *                          artifact and a GPU are present and falls back to CPU otherwise
 * @param intraOpThreads    threads one model call may use; 0 lets ONNX Runtime pick (one per physical core)
 * @param concurrentBatches model calls that may run at the same time (batches of one {@code embedAll}, batching
 *                          workers)
 * @param cudaDeviceId      GPU ordinal used when CUDA is selected
 */
public record InferenceOptions(Device device, int intraOpThreads, int concurrentBatches, int cudaDeviceId) {

    /** Provider preference. */
    public enum Device {
        /** CUDA when available, else CPU. */
        AUTO,
        /** CPU only, even if a GPU is present. */
        CPU,
        /** CUDA requested; the SDK still falls back to CPU, with a warning, when CUDA cannot start. */
        CUDA
    }

    public InferenceOptions {
        if (device == null) {
            throw new IllegalArgumentException("device must not be null");
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be >= 0, was " + intraOpThreads);
        }
        if (concurrentBatches < 1) {
            throw new IllegalArgumentException("concurrentBatches must be >= 1, was " + concurrentBatches);
        }
        if (cudaDeviceId < 0) {
            throw new IllegalArgumentException("cudaDeviceId must be >= 0, was " + cudaDeviceId);
        }
    }

    /**
     * AUTO device; on CPU one thread per model call and one call per core. Encoder graphs are hundreds of small
     * operators: two batches side by side on one thread each beat one batch whose two threads synchronise at
     * every operator (measured 1.1–1.3× on 2 cores).
     */
    public static InferenceOptions defaults() {
        return new InferenceOptions(Device.AUTO, 1, cores(), 0);
    }

    /** CPU only, with the default thread layout. */
    public static InferenceOptions cpu() {
        return new InferenceOptions(Device.CPU, 1, cores(), 0);
    }

    /** CPU only, {@code intraOpThreads} per call, as many concurrent calls as fill the cores. */
    public static InferenceOptions cpu(int intraOpThreads) {
        return new InferenceOptions(Device.CPU, intraOpThreads, Math.max(1, cores() / Math.max(1, intraOpThreads)), 0);
    }

    public InferenceOptions withDevice(Device newDevice) {
        return new InferenceOptions(newDevice, intraOpThreads, concurrentBatches, cudaDeviceId);
    }

    public InferenceOptions withIntraOpThreads(int threads) {
        return new InferenceOptions(device, threads, concurrentBatches, cudaDeviceId);
    }

    public InferenceOptions withConcurrentBatches(int calls) {
        return new InferenceOptions(device, intraOpThreads, calls, cudaDeviceId);
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
