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
        int[] offsets = new int[2 * findings.size()];
        for (int i = 0; i < findings.size(); i++) {
            offsets[2 * i] = findings.get(i).start();
            offsets[2 * i + 1] = findings.get(i).end();
        }
        int[] sorted = offsets.clone();
        Arrays.sort(sorted);
        int[] codePoints = new int[sorted.length];
        int chars = 0;
        int count = 0;
        for (int k = 0; k < sorted.length; k++) {
            count += Character.codePointCount(text, chars, sorted[k]);
            chars = sorted[k];
            codePoints[k] = count;
        }
        List<CodePointSpan> spans = new ArrayList<>(findings.size());
        for (int i = 0; i < findings.size(); i++) {
            spans.add(new CodePointSpan(findings.get(i).type().name(),
                    codePoints[Arrays.binarySearch(sorted, offsets[2 * i])],
                    codePoints[Arrays.binarySearch(sorted, offsets[2 * i + 1])]));
        }
        return spans;
    }
}
