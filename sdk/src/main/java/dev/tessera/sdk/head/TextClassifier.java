package dev.tessera.sdk.head;

import java.util.List;

/** Text in, label probabilities out. */
public interface TextClassifier {

    List<String> labels();

    Prediction classify(String text);

    /** Classifies many texts; the result is in input order. */
    List<Prediction> classifyAll(List<String> texts);
}
