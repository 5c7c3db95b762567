package dev.tessera.sdk.batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Splits a set of sequences into model batches so little compute goes to padding: items are sorted by token
 * length and a new batch starts when adding the next (longer) item would make the padded share of the batch
 * exceed {@code maxPaddingFraction}, or the batch would exceed {@code maxBatchSize} items or
 * {@code maxBatchTokens} padded tokens.
 *
 * @param maxBatchSize       most items in one model call
 * @param maxBatchTokens     most padded tokens (items × longest) in one model call; bounds activation memory
 * @param maxPaddingFraction largest share of padded positions tolerated in one batch, in [0, 1)
 */
public record BatchPlanner(int maxBatchSize, int maxBatchTokens, double maxPaddingFraction) {

    public BatchPlanner {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1: " + maxBatchSize);
        }
        if (maxBatchTokens < 1) {
            throw new IllegalArgumentException("maxBatchTokens must be >= 1: " + maxBatchTokens);
        }
        if (!(maxPaddingFraction >= 0 && maxPaddingFraction < 1)) {
            throw new IllegalArgumentException("maxPaddingFraction must be in [0, 1): " + maxPaddingFraction);
        }
    }

    public static BatchPlanner defaults() {
        return new BatchPlanner(64, 16_384, 0.2);
    }

    /** Returns groups of indices into {@code items}; every index appears exactly once. */
    public <T> List<int[]> plan(List<T> items, ToIntFunction<T> length) {
        int n = items.size();
        Integer[] order = new Integer[n];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            lengths[i] = length.applyAsInt(items.get(i));
        }
        Arrays.sort(order, Comparator.comparingInt(i -> lengths[i]));

        List<int[]> groups = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long realTokens = 0;
        for (int idx : order) {
            int len = lengths[idx];
            if (!current.isEmpty()) {
                long paddedIfAdded = (long) (current.size() + 1) * len;
                double paddingShare = 1.0 - (double) (realTokens + len) / paddedIfAdded;
                if (current.size() >= maxBatchSize || paddedIfAdded > maxBatchTokens || paddingShare > maxPaddingFraction) {
                    groups.add(toArray(current));
                    current.clear();
                    realTokens = 0;
                }
            }
            current.add(idx);
            realTokens += len;
        }
        if (!current.isEmpty()) {
            groups.add(toArray(current));
        }
        return groups;
    }

    private static int[] toArray(List<Integer> list) {
        int[] a = new int[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }
}
