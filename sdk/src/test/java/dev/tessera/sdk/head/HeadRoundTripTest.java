package dev.tessera.sdk.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sdk.IncompatibleModelException;
import dev.tessera.sdk.TestModels;
import dev.tessera.sdk.encoder.Embedding;
import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.encoder.OnnxEncoder;
import dev.tessera.sdk.onnx.InferenceOptions;
import dev.tessera.sdk.onnx.ModelSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Heads trained in Java survive an ONNX round trip and classify the project-written set they learned. */
class HeadRoundTripTest {

    private static final InferenceOptions CPU = InferenceOptions.cpu(2);

    private static TrainingSet domainSet(OnnxEncoder encoder, List<String[]> rows) {
        List<Embedding> vectors = encoder.embedAll(rows.stream().map(r -> r[1]).toList());
        TrainingSet.Builder b = TrainingSet.builder("tessera test: domain-sentences.tsv (project-written)");
        for (int i = 0; i < rows.size(); i++) {
            b.add(vectors.get(i).vector(), rows.get(i)[0]);
        }
        return b.build();
    }

    @Test
    void multiClassHeadClassifiesItsTrainingSetAfterOnnxRoundTrip(@TempDir Path dir) throws Exception {
        OnnxEncoder encoder = TestModels.miniLmQuantized();
        List<String[]> rows = TestModels.domainSentences();
        LinearHead trained = HeadTrainer.builder(HeadType.MULTI_CLASS).encoder(encoder.modelName()).build()
                .train("domain", domainSet(encoder, rows));

        Path file = dir.resolve("domain-head.onnx");
        Files.write(file, trained.toOnnx());
        LinearHead reloaded = LinearHead.fromOnnx(Files.readAllBytes(file));
        assertEquals(trained.labels(), reloaded.labels());
        assertEquals(trained.provenance(), reloaded.provenance());
        assertArrayEquals(trained.bias(), reloaded.bias());

        List<String> texts = rows.stream().map(r -> r[1]).toList();
        try (OnnxHead head = OnnxHead.load(ModelSource.file(file), CPU);
             EncoderHeadClassifier classifier = new EncoderHeadClassifier(encoder, head)) {
            List<Prediction> predictions = classifier.classifyAll(texts);
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(rows.get(i)[0], predictions.get(i).topLabel(), texts.get(i));
                double sum = predictions.get(i).scores().stream().mapToDouble(Prediction.LabelScore::probability).sum();
                assertEquals(1.0, sum, 1e-4, "softmax sums to 1");
            }
            // Unseen sentences land in the right domain too.
            assertEquals("medical", classifier.classify("The patient complains of abdominal pain and fever.").topLabel());
            assertEquals("finance", classifier.classify("Quarterly profits rose and the stock price climbed.").topLabel());
            assertEquals("legal", classifier.classify("The parties agree that this contract may be terminated for breach.").topLabel());

            // One fused graph (encoder + pooling + head) gives the same probabilities as the two-step path.
            try (FusedClassifier fused = FusedClassifier.load(EncoderSpec.allMiniLmL6V2Quantized(), reloaded, CPU)) {
                List<Prediction> fusedPredictions = fused.classifyAll(texts);
                for (int i = 0; i < texts.size(); i++) {
                    assertEquals(predictions.get(i).topLabel(), fusedPredictions.get(i).topLabel());
                    for (String label : trained.labels()) {
                        assertEquals(predictions.get(i).probability(label), fusedPredictions.get(i).probability(label),
                                1e-3, texts.get(i));
                    }
                }
            }
        }
    }

    @Test
    void multiLabelHeadLearnsIndependentLabels() {
        OnnxEncoder encoder = TestModels.miniLmQuantized();
        List<String[]> rows = TestModels.domainSentences();
        List<Embedding> vectors = encoder.embedAll(rows.stream().map(r -> r[1]).toList());
        TrainingSet.Builder b = TrainingSet.builder("project-written, multi-label").labelSpace(List.of("legal", "regulated"));
        for (int i = 0; i < rows.size(); i++) {
            String domain = rows.get(i)[0];
            // "regulated": legal and finance texts; "legal": legal texts only. Legal texts carry both labels.
            List<String> labels = domain.equals("legal") ? List.of("legal", "regulated")
                    : domain.equals("finance") ? List.of("regulated") : List.of();
            b.add(vectors.get(i).vector(), labels);
        }
        LinearHead head = HeadTrainer.builder(HeadType.MULTI_LABEL).epochs(150).build().train("multi", b.build());
        try (OnnxHead onnx = OnnxHead.of(LinearHead.fromOnnx(head.toOnnx()), CPU)) {
            float[][] probs = onnx.predict(vectors.stream().map(Embedding::vector).toArray(float[][]::new));
            for (int i = 0; i < rows.size(); i++) {
                String domain = rows.get(i)[0];
                assertEquals(domain.equals("legal"), probs[i][0] >= 0.5, "legal? " + rows.get(i)[1]);
                assertEquals(!domain.equals("medical"), probs[i][1] >= 0.5, "regulated? " + rows.get(i)[1]);
            }
        }
    }

    @Test
    void headWithWrongInputSizeIsRefused() {
        LinearHead zhSized = new LinearHead("zh", HeadType.MULTI_CLASS, List.of("a", "b"), new float[2][512],
                new float[2], new HeadProvenance("test", java.util.Map.of(), "none", 0, "bge", "now", null));
        try (OnnxHead head = OnnxHead.of(zhSized, CPU)) {
            IncompatibleModelException e = assertThrows(IncompatibleModelException.class,
                    () -> new EncoderHeadClassifier(TestModels.miniLmQuantized(), head));
            assertTrue(e.getMessage().contains("512") && e.getMessage().contains("384"), e.getMessage());
            assertThrows(IncompatibleModelException.class, () -> head.predict(new float[][] {new float[384]}));
        }
        assertThrows(IncompatibleModelException.class,
                () -> FusedModels.fuse(EncoderSpec.allMiniLmL6V2Quantized().model().readAllBytes(),
                        EncoderSpec.allMiniLmL6V2Quantized().pooling(), zhSized));
    }

    @Test
    void warmStartKeepsLabelSpaceAndRecordsOrigin() {
        OnnxEncoder encoder = TestModels.miniLmQuantized();
        TrainingSet data = domainSet(encoder, TestModels.domainSentences());
        HeadTrainer trainer = HeadTrainer.builder(HeadType.MULTI_CLASS).epochs(5).build();
        LinearHead first = trainer.train("domain", data);
        LinearHead second = trainer.train("domain", data, first, "v1");
        assertEquals("v1", second.provenance().warmStartFrom());
        assertEquals(first.labels(), second.labels());
    }
}
