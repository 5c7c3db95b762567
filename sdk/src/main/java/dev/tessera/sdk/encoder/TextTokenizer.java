package dev.tessera.sdk.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import dev.tessera.sdk.InvalidInputException;
import dev.tessera.sdk.ModelLoadException;
import dev.tessera.sdk.onnx.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Validates text and turns it into model input with a Hugging Face tokenizer.json (DJL's offline Rust tokenizer).
 * Thread-safe: callers tokenize on their own threads, so batching workers only run the model.
 */
public final class TextTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final int maxTokens;
    private final int maxInputChars;

    private TextTokenizer(HuggingFaceTokenizer tokenizer, int maxTokens, int maxInputChars) {
        this.tokenizer = tokenizer;
        this.maxTokens = maxTokens;
        this.maxInputChars = maxInputChars;
    }

    public static TextTokenizer load(ModelSource source, int maxTokens, int maxInputChars) {
        // DJL would otherwise probe for CUDA and for downloads; the tokenizer is CPU-only and ships in its jar.
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        try (InputStream in = source.open()) {
            // Truncation is done here, not by the tokenizer, so the result can report how much was dropped.
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(in,
                    Map.of("padding", "false", "truncation", "false"));
            return new TextTokenizer(tokenizer, maxTokens, maxInputChars);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ModelLoadException mle) {
                throw mle;
            }
            throw new ModelLoadException("Cannot load tokenizer from " + source.description() + ": " + e.getMessage(), e);
        }
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** Tokenizes one text for the encoder: [CLS] tokens [SEP], truncated to the model window. */
    public TokenizedText tokenize(String text) {
        Prepared prepared = prepare(text);
        long[] ids = tokenizer.encode(prepared.text, true, false).getIds();
        int original = ids.length;
        if (ids.length > maxTokens) {
            long sep = ids[ids.length - 1];
            ids = Arrays.copyOf(ids, maxTokens);
            ids[maxTokens - 1] = sep;
        }
        return new TokenizedText(ids, original, prepared.cut || original > maxTokens);
    }

    /** Tokens with their character offsets, for token-level heads; ids as {@link #tokenize} would give them. */
    TokensWithOffsets tokenizeWithOffsets(String text) {
        Prepared prepared = prepare(text);
        Encoding encoding = tokenizer.encode(prepared.text, true, false);
        long[] ids = encoding.getIds();
        String[] tokens = encoding.getTokens();
        CharSpan[] spans = encoding.getCharTokenSpans();
        int n = Math.min(ids.length, maxTokens);
        boolean truncated = prepared.cut || ids.length > maxTokens;
        long[] keptIds = Arrays.copyOf(ids, n);
        String[] keptTokens = Arrays.copyOf(tokens, n);
        int[][] offsets = new int[n][];
        for (int i = 0; i < n; i++) {
            CharSpan span = spans[i];
            offsets[i] = span == null ? new int[] {0, 0} : new int[] {span.getStart(), span.getEnd()};
        }
        if (ids.length > maxTokens) {
            keptIds[n - 1] = ids[ids.length - 1];
            keptTokens[n - 1] = tokens[tokens.length - 1];
            offsets[n - 1] = new int[] {0, 0};
        }
        return new TokensWithOffsets(new TokenizedText(keptIds, ids.length, truncated), keptTokens, offsets);
    }

    record TokensWithOffsets(TokenizedText tokenized, String[] tokens, int[][] offsets) {
    }

    private record Prepared(String text, boolean cut) {
    }

    private Prepared prepare(String text) {
        if (text == null) {
            throw new InvalidInputException("text must not be null");
        }
        boolean cut = false;
        if (text.length() > maxInputChars) {
            int end = maxInputChars;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            text = text.substring(0, end);
            cut = true;
        }
        text = replaceLoneSurrogates(text);
        if (text.isBlank()) {
            throw new InvalidInputException("text is empty or contains only whitespace");
        }
        return new Prepared(text, cut);
    }

    /** Lone UTF-16 surrogates cannot be encoded as UTF-8 for the native tokenizer; they become U+FFFD. */
    static String replaceLoneSurrogates(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lone = false;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    if (out != null) {
                        out.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                lone = true;
            } else if (Character.isLowSurrogate(c)) {
                lone = true;
            }
            if (lone && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(lone ? '\uFFFD' : c);
            }
        }
        return out == null ? text : out.toString();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
