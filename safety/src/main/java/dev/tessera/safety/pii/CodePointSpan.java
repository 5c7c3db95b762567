package dev.tessera.safety.pii;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A finding's type and span with offsets counted in Unicode code points, end exclusive: what JSON interfaces report.
 * Their readers (Python's {@code text[start:end]}, jq's {@code .text[start:end]}) index a string by code point, while
 * {@link PiiFinding} counts Java chars (UTF-16 units); the two differ once a character outside the BMP, such as an
 * emoji, comes before the span. A lone surrogate is one code point either way.
 */
public record CodePointSpan(String type, int start, int end) {

    public CodePointSpan {
        Objects.requireNonNull(type, "type");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** The spans of {@code findings}, which hold char offsets into {@code text}, in their order. One pass over text. */
    public static List<CodePointSpan> of(String text, List<PiiFinding> findings) {
        List<String> types = new ArrayList<>(findings.size());
        int[] starts = new int[findings.size()];
        int[] ends = new int[findings.size()];
        for (int i = 0; i < findings.size(); i++) {
            types.add(findings.get(i).type().name());
            starts[i] = findings.get(i).start();
            ends[i] = findings.get(i).end();
        }
        return of(text, types, starts, ends);
    }

    /** Spans {@code [starts[i], ends[i])} in chars of {@code text}, of {@code types.get(i)}, in code points. */
    static List<CodePointSpan> of(String text, List<String> types, int[] starts, int[] ends) {
        int[] sorted = new int[2 * types.size()];
        System.arraycopy(starts, 0, sorted, 0, starts.length);
        System.arraycopy(ends, 0, sorted, starts.length, ends.length);
        Arrays.sort(sorted);
        int[] codePoints = new int[sorted.length];
        int chars = 0;
        int count = 0;
        for (int k = 0; k < sorted.length; k++) {
            count += Character.codePointCount(text, chars, sorted[k]);
            chars = sorted[k];
            codePoints[k] = count;
        }
        List<CodePointSpan> spans = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            spans.add(new CodePointSpan(types.get(i), codePoints[Arrays.binarySearch(sorted, starts[i])],
                    codePoints[Arrays.binarySearch(sorted, ends[i])]));
        }
        return spans;
    }
}
