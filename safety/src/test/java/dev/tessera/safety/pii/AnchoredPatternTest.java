package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Trying a pattern only where a match can begin finds exactly what {@code Matcher.find()} finds. */
class AnchoredPatternTest {

    private static List<String> viaFind(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.start() + ":" + m.end() + ":" + m.group());
        }
        return out;
    }

    private static List<String> anchored(AnchoredPattern p, String text) {
        List<String> out = new ArrayList<>();
        p.forEachMatch(text, m -> out.add(m.start() + ":" + m.end() + ":" + m.group()));
        return out;
    }

    @Test
    void sameMatchesAsFindWithLookAroundAndAnchorsAtTheRegionsEdges() {
        List<Pattern> patterns = List.of(
                Pattern.compile("(?<![\\p{L}\\p{N}])\\d{2,4}(?![\\p{L}\\p{N}])"),
                Pattern.compile("(?<=\\b(?:in|by) )\\d+"),
                Pattern.compile("^\\d+|\\d+$"),
                Pattern.compile("\\b\\d\\d?\\b"));
        Random random = new Random(7);
        String alphabet = "0123456789 abcin by\n.,-";
        for (int n = 0; n < 2_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(40); k > 0; k--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = b.toString();
            for (Pattern p : patterns) {
                assertEquals(viaFind(p, text), anchored(new AnchoredPattern(p, AnchoredPattern.DIGIT), text),
                        p + " on '" + text + "'");
            }
        }
    }

    @Test
    void wordStemsStartOnlyAtWordsBeginningWithOne() {
        Pattern month = Pattern.compile("(?<![\\p{L}\\p{N}])(?:mar(?:ch)?|tue(?:sday)?) \\d+",
                Pattern.CASE_INSENSITIVE);
        AnchoredPattern.MatchStart stems = AnchoredPattern.wordStartingWith(List.of("mar", "tue"));
        for (String text : List.of("March 5 and TUESDAY 7", "Smarch 5, xmar 6", "mar 1 mar 2", "Ma", "")) {
            assertEquals(viaFind(month, text), anchored(new AnchoredPattern(month, stems), text), text);
        }
    }
}
