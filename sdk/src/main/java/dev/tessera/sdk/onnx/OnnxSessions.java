package dev.tessera.sdk.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import dev.tessera.sdk.ModelLoadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates ONNX Runtime sessions on the best available execution provider. */
public final class OnnxSessions {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxSessions.class);

    private OnnxSessions() {
    }

    /** A session together with the provider it really runs on (after any fallback). */
    public record OpenedSession(OrtSession session, ExecutionProvider provider) {
    }

    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    /**
     * Opens {@code modelBytes} as a session. With CUDA wanted but unusable (CPU-only ONNX Runtime artifact, no
     * GPU, missing CUDA libraries) the session is created on CPU instead. Either way one log line names the
     * provider in use.
     */
    public static OpenedSession open(String modelName, ModelSource source, byte[] modelBytes, InferenceOptions options) {
        OrtEnvironment env = environment();
        boolean wantCuda = options.device() != InferenceOptions.Device.CPU;
        String cudaProblem = null;
        if (wantCuda) {
            if (!env.getAvailableProviders().contains(OrtProvider.CUDA)) {
                cudaProblem = "this ONNX Runtime build has no CUDA provider (use the Maven profile 'gpu')";
            } else {
                try (OrtSession.SessionOptions so = baseOptions(options)) {
                    so.addCUDA(options.cudaDeviceId());
                    OrtSession session = env.createSession(modelBytes, so);
                    LOG.info("Model '{}' runs on CUDA device {}", modelName, options.cudaDeviceId());
                    return new OpenedSession(session, ExecutionProvider.CUDA);
                } catch (OrtException e) {
                    if (isCorruptModel(e)) {
                        throw corrupt(modelName, source, e);
                    }
                    cudaProblem = e.getMessage();
                }
            }
        }
        try (OrtSession.SessionOptions so = baseOptions(options)) {
            OrtSession session = env.createSession(modelBytes, so);
            if (options.device() == InferenceOptions.Device.CUDA) {
                LOG.warn("Model '{}' runs on CPU ({} intra-op threads): CUDA was requested but {}", modelName,
                        options.intraOpThreads(), cudaProblem);
            } else {
                LOG.info("Model '{}' runs on CPU ({} intra-op threads){}", modelName, options.intraOpThreads(),
                        cudaProblem == null || options.device() == InferenceOptions.Device.CPU ? "" : "; no CUDA: " + cudaProblem);
            }
            return new OpenedSession(session, ExecutionProvider.CPU);
        } catch (OrtException e) {
            throw corrupt(modelName, source, e);
        }
    }

    private static OrtSession.SessionOptions baseOptions(InferenceOptions options) throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        if (options.intraOpThreads() > 0) {
            so.setIntraOpNumThreads(options.intraOpThreads());
        }
        // One inference at a time per batching worker: inter-op parallelism would only fight the intra-op pool.
        so.setInterOpNumThreads(1);
        return so;
    }

    private static boolean isCorruptModel(OrtException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("protobuf") || m.contains("invalid_graph") || m.contains("invalid_protobuf") || m.contains("load model");
    }

    private static ModelLoadException corrupt(String modelName, ModelSource source, OrtException e) {
        return new ModelLoadException("Model '" + modelName + "' from " + source.description()
                + " is not a valid ONNX model: " + e.getMessage(), e);
    }
}
