package dev.tessera.sdk;

import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.encoder.OnnxEncoder;
import dev.tessera.sdk.onnx.InferenceOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Models and data shared by the test classes of one JVM: loading an encoder takes about a second. */
public final class TestModels {

    private static OnnxEncoder miniLm;
    private static OnnxEncoder miniLmQuantized;
    private static OnnxEncoder bgeZh;

    private TestModels() {
    }

    public static synchronized OnnxEncoder miniLm() {
        if (miniLm == null) {
            miniLm = OnnxEncoder.load(EncoderSpec.allMiniLmL6V2(), InferenceOptions.cpu(2));
        }
        return miniLm;
    }

    public static synchronized OnnxEncoder miniLmQuantized() {
        if (miniLmQuantized == null) {
            miniLmQuantized = OnnxEncoder.load(EncoderSpec.allMiniLmL6V2Quantized(), InferenceOptions.cpu(2));
        }
        return miniLmQuantized;
    }

    public static synchronized OnnxEncoder bgeZh() {
        if (bgeZh == null) {
            bgeZh = OnnxEncoder.load(EncoderSpec.bgeSmallZhV15(), InferenceOptions.cpu(2));
        }
        return bgeZh;
    }

    /** label, sentence pairs from the project-written test set. */
    public static List<String[]> domainSentences() {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                TestModels.class.getResourceAsStream("/domain-sentences.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t", 2));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
