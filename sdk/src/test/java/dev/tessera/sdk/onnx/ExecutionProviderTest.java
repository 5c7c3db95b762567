package dev.tessera.sdk.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.encoder.OnnxEncoder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ExecutionProviderTest {

    @Test
    void cudaRequestedWithoutAGpuFallsBackToCpuAndStillEmbeds() {
        boolean cudaUsable = OrtEnvironment.getEnvironment().getAvailableProviders().contains(OrtProvider.CUDA)
                && System.getenv("CUDA_VISIBLE_DEVICES") != null;
        Assumptions.assumeFalse(cudaUsable, "a GPU is present: the fallback path is not reachable here");
        InferenceOptions cuda = InferenceOptions.cpu().withDevice(InferenceOptions.Device.CUDA);
        try (OnnxEncoder encoder = OnnxEncoder.load(EncoderSpec.allMiniLmL6V2Quantized(), cuda)) {
            assertEquals(ExecutionProvider.CPU, encoder.provider());
            assertEquals(384, encoder.embed("Falls back to CPU.").dimension());
        }
    }

    @Test
    void optionsRejectNonsense() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new InferenceOptions(InferenceOptions.Device.CPU, -1, 1, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new InferenceOptions(InferenceOptions.Device.CPU, 1, 0, 0));
    }
}
