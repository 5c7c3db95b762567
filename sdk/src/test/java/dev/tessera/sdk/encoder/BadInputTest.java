package dev.tessera.sdk.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sdk.InvalidInputException;
import dev.tessera.sdk.ModelLoadException;
import dev.tessera.sdk.OverloadedException;
import dev.tessera.sdk.TestModels;
import dev.tessera.sdk.onnx.InferenceOptions;
import dev.tessera.sdk.onnx.ModelSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {

    @Test
    void nullAndEmptyTextAreRefusedWithReasons() {
        OnnxEncoder encoder = TestModels.miniLmQuantized();
        assertTrue(assertThrows(InvalidInputException.class, () -> encoder.embed(null)).getMessage().contains("null"));
        assertTrue(assertThrows(InvalidInputException.class, () -> encoder.embed("")).getMessage().contains("empty"));
        assertThrows(InvalidInputException.class, () -> encoder.embed(" \n\t "));
        InvalidInputException inList = assertThrows(InvalidInputException.class,
                () -> encoder.embedAll(Arrays.asList("fine", null)));
        assertTrue(inList.getMessage().startsWith("texts[1]"), inList.getMessage());
    }

    @Test
    void textBeyondTheWindowIsTruncatedAndSaysSo() {
        OnnxEncoder encoder = TestModels.miniLmQuantized();
        String longText = "The tenant shall pay the rent on the first day of each month. ".repeat(200);
        Embedding e = encoder.embed(longText);
        assertTrue(e.truncated());
        assertEquals(encoder.maxTokens(), e.tokenCount());
        assertEquals(128, encoder.maxTokens(), "MiniLM's declared window");
        assertTrue(e.originalTokenCount() > 2000, "original count " + e.originalTokenCount());
        Embedding shortOne = encoder.embed("The tenant shall pay the rent.");
        assertFalse(shortOne.truncated());
        assertEquals(shortOne.tokenCount(), shortOne.originalTokenCount());
    }

    @Test
    void hugeAndOddTextIsBoundedNotFatal() {
        OnnxEncoder encoder = TestModels.miniLmQuantized();
        String tenMegabytes = "a".repeat(10 * 1024 * 1024);
        long start = System.nanoTime();
        Embedding e = encoder.embed(tenMegabytes);
        assertTrue(e.truncated());
        assertTrue((System.nanoTime() - start) / 1e9 < 10, "bounded work on a 10 MB input");
        Embedding odd = encoder.embed("lone \uD800 surrogate, control \u0001\u0007 chars, 混合 scripts, emoji \uD83D\uDE00");
        assertEquals(384, odd.dimension());
    }

    @Test
    void missingAndCorruptModelsAreRefusedWithClearErrors(@TempDir Path dir) throws Exception {
        Path tokenizer = dir.resolve("tokenizer.json");
        Files.write(tokenizer, EncoderSpec.allMiniLmL6V2Quantized().tokenizer().readAllBytes());

        ModelLoadException missing = assertThrows(ModelLoadException.class,
                () -> OnnxEncoder.load(EncoderSpec.fromDirectory("m", dir, Pooling.MEAN), InferenceOptions.cpu(1)));
        assertTrue(missing.getMessage().contains("not found") && missing.getMessage().contains("model.onnx"),
                missing.getMessage());

        byte[] real = EncoderSpec.allMiniLmL6V2Quantized().model().readAllBytes();
        Files.write(dir.resolve("model.onnx"), Arrays.copyOf(real, real.length / 3));
        ModelLoadException corrupt = assertThrows(ModelLoadException.class,
                () -> OnnxEncoder.load(EncoderSpec.fromDirectory("truncated", dir, Pooling.MEAN), InferenceOptions.cpu(1)));
        assertTrue(corrupt.getMessage().contains("not a valid ONNX model"), corrupt.getMessage());

        Files.writeString(dir.resolve("model.onnx"), "this is not a model");
        assertThrows(ModelLoadException.class,
                () -> OnnxEncoder.load(EncoderSpec.fromDirectory("text", dir, Pooling.MEAN), InferenceOptions.cpu(1)));

        assertThrows(ModelLoadException.class, () -> ModelSource.classpath("no/such/model.onnx").readAllBytes());
    }

    @Test
    void batchingEncoderMatchesDirectEncoderAndBoundsItsQueue() throws Exception {
        OnnxEncoder encoder = TestModels.miniLmQuantized();
        List<String> texts = TestModels.domainSentences().stream().map(r -> r[1]).toList();
        List<Embedding> direct = encoder.embedAll(texts);
        try (BatchingEncoder batching = BatchingEncoder.builder(encoder).maxBatchSize(8).build()) {
            List<Thread> threads = new ArrayList<>();
            Embedding[] got = new Embedding[texts.size()];
            for (int i = 0; i < texts.size(); i++) {
                int idx = i;
                Thread t = new Thread(() -> got[idx] = batching.embed(texts.get(idx)));
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join(30_000);
            }
            for (int i = 0; i < texts.size(); i++) {
                assertTrue(got[i].cosine(direct.get(i)) > 0.99999, texts.get(i));
            }
        }
        try (BatchingEncoder tiny = BatchingEncoder.builder(encoder).maxBatchSize(1).queueCapacity(1).build()) {
            String text = "word ".repeat(400);
            List<Thread> threads = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger rejected = new java.util.concurrent.atomic.AtomicInteger();
            for (int i = 0; i < 8; i++) {
                Thread t = new Thread(() -> {
                    try {
                        tiny.embed(text);
                    } catch (OverloadedException e) {
                        rejected.incrementAndGet();
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join(60_000);
            }
            assertTrue(rejected.get() > 0, "a queue of one must refuse some of 8 simultaneous callers");
        }
    }
}
