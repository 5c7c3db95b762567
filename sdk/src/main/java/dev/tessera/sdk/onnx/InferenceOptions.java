package dev.tessera.sdk.onnx;

/**
 * How ONNX Runtime sessions are created.
 *
 * @param device         which provider to ask for: {@link Device#AUTO} uses CUDA when the {@code onnxruntime_gpu}
 *                       artifact and a GPU are present and falls back to CPU otherwise
 * @param intraOpThreads threads one inference may use; 0 lets ONNX Runtime pick (one per physical core)
 * @param cudaDeviceId   GPU ordinal used when CUDA is selected
 */
public record InferenceOptions(Device device, int intraOpThreads, int cudaDeviceId) {

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
        if (cudaDeviceId < 0) {
            throw new IllegalArgumentException("cudaDeviceId must be >= 0, was " + cudaDeviceId);
        }
    }

    /** AUTO device, one thread per available processor. */
    public static InferenceOptions defaults() {
        return new InferenceOptions(Device.AUTO, Runtime.getRuntime().availableProcessors(), 0);
    }

    public static InferenceOptions cpu(int intraOpThreads) {
        return new InferenceOptions(Device.CPU, intraOpThreads, 0);
    }

    public InferenceOptions withDevice(Device newDevice) {
        return new InferenceOptions(newDevice, intraOpThreads, cudaDeviceId);
    }

    public InferenceOptions withIntraOpThreads(int threads) {
        return new InferenceOptions(device, threads, cudaDeviceId);
    }
}
