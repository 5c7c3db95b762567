package dev.tessera.sdk.graph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns user text into a Lucene query that searches for its words literally, whatever the text contains.
 *
 * <p>Neo4j's full-text procedures parse their query with Lucene's classic query syntax, where {@code name:x},
 * {@code *}, {@code ~}, quotes, brackets, {@code AND}/{@code OR}/{@code NOT} and {@code &&} are operators, and some
 * inputs ({@code "fever AND"}) are syntax errors. So the text is split into words, each special character is
 * escaped, and each word is lower-cased, which also turns the operator keywords into plain words (the index's analyzer
 * lower-cases anyway, so matching is unchanged). Words are OR-ed, Lucene's default.
 *
 * <p>The index's standard analyzer keeps a possessive with its word ("iran's" is one term), so "What is Iran's FATF
 * status?" found no name "Iran". A word ending in 's or ’s is also searched without it; a name that holds the
 * apostrophe itself ("Crohn's disease") still matches the whole word.
 *
 * <p>Lucene refuses queries of more than 1,024 clauses, and one word can become several clauses (a run of Chinese
 * characters becomes one clause per character pair). A word never yields more clauses than it has characters, so the
 * query keeps distinct words, in order, until they total {@value #MAX_QUERY_CHARS} characters; a word that would pass
 * the limit is cut to fit.
 */
final class LuceneQueries {

    /** Well under Lucene's 1,024-clause limit, and more distinct words than an entity-linking question needs. */
    static final int MAX_QUERY_CHARS = 500;

    private static final String SPECIAL = "\\+-!():^[]\"{}~*?|&/";

    private LuceneQueries() {
    }

    /** Every Lucene special character preceded by a backslash; whitespace is left as it is. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * A query matching any of the text's words literally; empty when the text has no word with a letter or digit (the
     * analyzer would drop such words, and Lucene refuses an empty query).
     */
    static String literal(String text) {
        Set<String> words = new LinkedHashSet<>();
        int chars = 0;
        for (String word : text.split("[\\s\\u3000]+")) {
            if (!hasLetterOrDigit(word)) {
                continue;
            }
            String lower = word.toLowerCase(Locale.ROOT);
            String owner = withoutPossessive(lower);
            for (String term : owner == null ? List.of(lower) : List.of(lower, owner)) {
                int length = term.codePointCount(0, term.length());
                if (words.contains(term)) {
                    continue;
                }
                if (chars + length > MAX_QUERY_CHARS) {
                    // Chinese has no spaces: a whole sentence is one "word", so its start is kept rather than dropped.
                    int room = MAX_QUERY_CHARS - chars;
                    if (room > 0) {
                        words.add(term.substring(0, term.offsetByCodePoints(0, room)));
                    }
                    return joined(words);
                }
                words.add(term);
                chars += length;
            }
        }
        return joined(words);
    }

    /** The word without a closing possessive 's or ’s (and what follows it: "iran's?" gives "iran"), else null. */
    static String withoutPossessive(String word) {
        int end = word.length();
        while (end > 0 && !Character.isLetterOrDigit(word.charAt(end - 1))) {
            end--;
        }
        if (end < 3 || word.charAt(end - 1) != 's') {
            return null;
        }
        char apostrophe = word.charAt(end - 2);
        return (apostrophe == '\'' || apostrophe == '\u2019') && Character.isLetterOrDigit(word.charAt(end - 3))
                ? word.substring(0, end - 2) : null;
    }

    private static String joined(Set<String> words) {
        List<String> escaped = new ArrayList<>(words.size());
        for (String word : words) {
            escaped.add(escape(word));
        }
        return String.join(" ", escaped);
    }

    private static boolean hasLetterOrDigit(String word) {
        return word.codePoints().anyMatch(Character::isLetterOrDigit);
    }
}
