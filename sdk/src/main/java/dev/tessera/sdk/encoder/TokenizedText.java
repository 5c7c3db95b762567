package dev.tessera.sdk.encoder;

/**
 * One text as model input.
 *
 * @param ids                token ids, [CLS] … [SEP], at most the model's max tokens
 * @param originalTokenCount tokens the whole text produced, special tokens included, before truncation
 * @param truncated          whether tokens (or characters, for very long inputs) were dropped
 */
public record TokenizedText(long[] ids, int originalTokenCount, boolean truncated) {

    public int length() {
        return ids.length;
    }
}
