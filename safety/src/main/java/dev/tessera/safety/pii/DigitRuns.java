package dev.tessera.safety.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Card numbers arrive as digit groups separated by single spaces or dashes, sometimes next to other numbers
 * ("card 4111 1111 1111 1111 2 times"). This picks, inside one run of groups, the longest contiguous stretch of
 * whole groups that passes a test, so a neighbouring number neither hides nor extends the card.
 */
final class DigitRuns {

    /**
     * A run of digit groups; the look-behind keeps matching linear on long digit strings, and a run never starts
     * at a country code: "+86 138 1234 5678" is a phone number, however its digits sum.
     */
    static final Pattern RUN = Pattern.compile("(?<![\\w+-])\\d+(?:[ -]\\d+)*(?!\\w)");

    private DigitRuns() {
    }

    /** [start, end) of the best stretch of whole groups in {@code text[from, to)}, or null. */
    static int[] longest(String text, int from, int to, int minDigits, int maxDigits, Predicate<String> accept) {
        List<int[]> groups = new ArrayList<>();
        int i = from;
        while (i < to) {
            int s = i;
            while (i < to && Character.isDigit(text.charAt(i))) {
                i++;
            }
            groups.add(new int[] {s, i});
            i++;
        }
        int[] best = null;
        int bestDigits = 0;
        for (int a = 0; a < groups.size(); a++) {
            int digits = 0;
            for (int b = a; b < groups.size(); b++) {
                digits += groups.get(b)[1] - groups.get(b)[0];
                if (digits > maxDigits) {
                    break;
                }
                if (digits >= minDigits && digits > bestDigits) {
                    int start = groups.get(a)[0];
                    int end = groups.get(b)[1];
                    if (accept.test(RegexRecognizer.digitsOf(text.subSequence(start, end)))) {
                        best = new int[] {start, end};
                        bestDigits = digits;
                    }
                }
            }
        }
        return best;
    }
}
