package dev.tessera.sdk.encoder;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The padded {@code input_ids}, {@code attention_mask} and (when the graph takes it) {@code token_type_ids}
 * tensors for one batch of tokenized texts. Closing it frees the native tensors.
 */
public final class EncoderInputs implements AutoCloseable {

    private final Map<String, OnnxTensor> tensors;
    private final int batchSize;
    private final int sequenceLength;

    private EncoderInputs(Map<String, OnnxTensor> tensors, int batchSize, int sequenceLength) {
        this.tensors = tensors;
        this.batchSize = batchSize;
        this.sequenceLength = sequenceLength;
    }

    public static EncoderInputs create(OrtEnvironment env, List<TokenizedText> batch, Set<String> graphInputs)
            throws OrtException {
        int b = batch.size();
        int len = 0;
        for (TokenizedText t : batch) {
            len = Math.max(len, t.length());
        }
        long[] ids = new long[b * len];
        long[] mask = new long[b * len];
        for (int row = 0; row < b; row++) {
            long[] rowIds = batch.get(row).ids();
            System.arraycopy(rowIds, 0, ids, row * len, rowIds.length);
            java.util.Arrays.fill(mask, row * len, row * len + rowIds.length, 1L);
        }
        long[] shape = {b, len};
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try {
            tensors.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            tensors.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (graphInputs.contains("token_type_ids")) {
                tensors.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[b * len]), shape));
            }
        } catch (OrtException | RuntimeException e) {
            tensors.values().forEach(OnnxTensor::close);
            throw e;
        }
        return new EncoderInputs(tensors, b, len);
    }

    public Map<String, OnnxTensor> tensors() {
        return tensors;
    }

    public int batchSize() {
        return batchSize;
    }

    public int sequenceLength() {
        return sequenceLength;
    }

    @Override
    public void close() {
        tensors.values().forEach(OnnxTensor::close);
    }
}
