package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules around the tagger must hold for any span a tagger can give, not only the ones the shipped weights give:
 * a retrained or encoder-based tagger ends its spans elsewhere. Each text is cleaned with every span that starts and
 * ends on token boundaries, alone and beside a second one (each under 12 chars), and every finding must lie inside
 * the text.
 */
class TaggerSpanRobustnessTest {

    private static final List<String> TEXTS = List.of(
            "New Zealand 57006",
            "Write to New Zealand 57006 soon.",
            "Dear Ann Lee,\n\nAnn Lee\nIrecycle\n91215 Harjukuja 54\nSuite 318\nSEINÄJOKI\nFinland 38524",
            "> Benito Bianchi\n> Locavore\n> 040 Snellmaninkatu 55\n> Apt. 022\n> ESPOO\n> Finland 23221",
            "Mrs. Diana Usamov Suite 913 0547 Bygget 91\nANNERSTAD nan 340 12",
            "Ask the driver to stop at the corner of 11 Botley Road St. and Herceg Gateway St.",
            "The letter arrived at 654 Rua Ana Caciola 1159, ΣΤΡΟΒΟΛΟΣ, Cyprus (Greek) last night.",
            "Owens, Duran and Oneal\n\n12521 Belgrád rkp. 18. Apt. 417 Csipkerek Vas",
            "Send the bill to 28245 Parijsstraat 8 Suite 292.",
            "He lives at Erzsébet tér 19. in town, near 5 Baker St. (north",
            "How do I change it to 9858 92 Hounslow Rd\n Suite 603\n SMITH'S GREEN\n United Kingdom?",
            "Greenlander 07609\nIceland 101\n53-320 Wrocław, ON 47824, 32",
            "Mr. O'Brien and Jean-Luc van Gijn met Dr. A. J. Lee's kid; follow up with benjamin a seiler.",
            "张伟住在北京市朝阳区建国路88号, tel 138 0013 8000");

    @Test
    void everyTokenAlignedSpanIsCleanedInsideTheText() {
        PiiTagger tagger = PiiTagger.bundled();
        List<TaggedRecognizer> recognizers = List.of(new StreetAddressRecognizer(tagger), new PersonRecognizer(tagger));
        long checked = 0;
        for (String text : TEXTS) {
            List<int[]> spans = tokenAlignedSpans(text);
            for (TaggedRecognizer recognizer : recognizers) {
                String entity = recognizer.type().name();
                for (int[] a : spans) {
                    PiiTagger.Span first = new PiiTagger.Span(entity, a[0], a[1]);
                    check(recognizer, text, List.of(first));
                    checked++;
                    if (a[1] - a[0] >= 12) {
                        continue;
                    }
                    for (int[] b : spans) {
                        if (b[0] > a[1] && b[1] - b[0] < 12) {
                            check(recognizer, text, List.of(first, new PiiTagger.Span(entity, b[0], b[1])));
                            checked++;
                        }
                    }
                }
            }
        }
        assertTrue(checked > 10_000, "checked " + checked + " span sets");
    }

    /** Spans from each token's start to the end of it or of one of the next 15 tokens. */
    private static List<int[]> tokenAlignedSpans(String text) {
        Tokens tokens = Tokens.of(text);
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            for (int j = i; j < Math.min(tokens.size(), i + 16); j++) {
                spans.add(new int[] {tokens.start(i), tokens.end(j)});
            }
        }
        return spans;
    }

    private static void check(TaggedRecognizer recognizer, String text, List<PiiTagger.Span> tagged) {
        List<PiiFinding> found;
        try {
            found = recognizer.fromTagged(text, tagged);
        } catch (RuntimeException e) {
            throw new AssertionError(recognizer.name() + " failed on " + tagged + " of " + text, e);
        }
        for (PiiFinding f : found) {
            if (f.start() < 0 || f.start() >= f.end() || f.end() > text.length()) {
                fail(recognizer.name() + " gave " + f + " for " + tagged + " of " + text);
            }
        }
    }
}
