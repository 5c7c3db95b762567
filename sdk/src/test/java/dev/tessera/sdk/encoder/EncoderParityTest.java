package dev.tessera.sdk.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import dev.tessera.sdk.TestModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tessera's pooled, batched vectors equal LangChain4j's one-at-a-time vectors for the same weights. */
class EncoderParityTest {

    private static List<String> englishTexts() {
        List<String> texts = new ArrayList<>();
        TestModels.domainSentences().forEach(r -> texts.add(r[1]));
        texts.add("Short.");
        texts.add("A much longer sentence that keeps going, clause after clause, so that the batch it lands in has "
                + "to pad the shorter members, which is exactly the case where masked pooling must ignore padding.");
        return texts;
    }

    @Test
    void fp32VectorsMatchLangChain4j() {
        assertParity(TestModels.miniLm(), new AllMiniLmL6V2EmbeddingModel(), englishTexts());
    }

    @Test
    void int8VectorsMatchLangChain4j() {
        assertParity(TestModels.miniLmQuantized(), new AllMiniLmL6V2QuantizedEmbeddingModel(), englishTexts());
    }

    @Test
    void chineseVectorsMatchLangChain4j() {
        List<String> texts = List.of("患者发热三天，伴有咳嗽和呼吸困难。", "本合同受纽约州法律管辖。",
                "央行将利率上调二十五个基点。", "胸痛放射至左臂需要紧急评估。", "任何一方均可提前三十天书面通知终止本合同。");
        assertParity(TestModels.bgeZh(), new BgeSmallZhV15EmbeddingModel(), texts);
    }

    private static void assertParity(OnnxEncoder tessera, EmbeddingModel reference, List<String> texts) {
        List<Embedding> batched = tessera.embedAll(texts);
        List<dev.langchain4j.data.embedding.Embedding> expected = reference
                .embedAll(texts.stream().map(TextSegment::from).toList()).content();
        assertEquals(texts.size(), batched.size());
        double min = 1;
        for (int i = 0; i < texts.size(); i++) {
            float[] ours = batched.get(i).vector();
            float[] theirs = expected.get(i).vector();
            assertEquals(theirs.length, ours.length, "dimension");
            assertEquals(1.0, Math.sqrt(Vectors.dot(ours, ours)), 1e-4, "unit length");
            double cos = Vectors.cosine(ours, theirs);
            min = Math.min(min, cos);
            assertTrue(cos >= 0.999, "cosine " + cos + " for: " + texts.get(i));
        }
        // Single-text path agrees with the batched path.
        Embedding single = tessera.embed(texts.get(texts.size() - 1));
        assertTrue(single.cosine(batched.get(texts.size() - 1)) >= 0.999);
        System.out.printf("%s: min cosine vs LangChain4j = %.6f over %d texts%n", tessera.modelName(), min, texts.size());
    }
}
