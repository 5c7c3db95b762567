package dev.tessera.safety.verify;

import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.encoder.OnnxEncoder;
import dev.tessera.sdk.onnx.InferenceOptions;

/** An encoder a test class loads on first use, so that its tests that need none do not pay for it. */
final class LazyEncoder implements AutoCloseable {

    private final EncoderSpec spec;
    private OnnxEncoder encoder;

    LazyEncoder(EncoderSpec spec) {
        this.spec = spec;
    }

    synchronized OnnxEncoder get() {
        if (encoder == null) {
            encoder = OnnxEncoder.load(spec, InferenceOptions.cpu());
        }
        return encoder;
    }

    @Override
    public synchronized void close() {
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
    }
}
