package dev.tessera.sdk.head;

import dev.tessera.sdk.IncompatibleModelException;
import dev.tessera.sdk.encoder.Embedding;
import dev.tessera.sdk.encoder.SentenceEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Encoder and head as two steps: the encoder (possibly shared by several heads, possibly batching) makes the
 * vector, the head's ONNX graph scores it.
 */
public final class EncoderHeadClassifier implements TextClassifier, AutoCloseable {

    private final SentenceEncoder encoder;
    private final OnnxHead head;

    public EncoderHeadClassifier(SentenceEncoder encoder, OnnxHead head) {
        if (encoder.dimension() != head.head().inputDimension()) {
            throw new IncompatibleModelException("Head '" + head.head().name() + "' expects vectors of size "
                    + head.head().inputDimension() + " but encoder '" + encoder.modelName() + "' produces "
                    + encoder.dimension());
        }
        this.encoder = encoder;
        this.head = head;
    }

    @Override
    public List<String> labels() {
        return head.labels();
    }

    @Override
    public Prediction classify(String text) {
        return classifyAll(List.of(text)).get(0);
    }

    @Override
    public List<Prediction> classifyAll(List<String> texts) {
        List<Embedding> embeddings = encoder.embedAll(texts);
        float[][] vectors = new float[embeddings.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = embeddings.get(i).vector();
        }
        float[][] probs = head.predict(vectors);
        List<Prediction> out = new ArrayList<>(probs.length);
        for (int i = 0; i < probs.length; i++) {
            out.add(head.prediction(probs[i], embeddings.get(i).truncated()));
        }
        return out;
    }

    /** Closes the head; the encoder belongs to the caller, who may share it. */
    @Override
    public void close() {
        head.close();
    }
}
