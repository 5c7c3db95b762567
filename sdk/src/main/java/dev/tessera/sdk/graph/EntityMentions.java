package dev.tessera.sdk.graph;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Which candidate entities a text names outright: a name or alias that appears in it as whole words (case, accents of
 * compatibility forms and punctuation ignored), or, for a Chinese name, as a substring. A question that says
 * "malaria" is about the entity named "Malaria", even where full-text and vector search rank a longer neighbour
 * ("Signs of severe malaria") higher: both share the word, and the neighbour's description reads more like a question
 * about symptoms.
 *
 * <p>Longer names rank first: "chest pain with sweating" named in full is more specific than "chest pain" inside it.
 * Names of the same length share a rank, so the searches decide between two entities with the same name (a symptom
 * and a red flag both called "Coughing up blood"). Linear in the text plus the names; no regular expressions built
 * from data.
 */
final class EntityMentions {

    /**
     * Shorter Latin names ("a", "is") are words of every text, not names of anything; one in capitals of two letters
     * counts only written in capitals ({@link #isCapitals}).
     */
    static final int MIN_LATIN_CHARS = 3;
    /** A single Han character is a word of every Chinese text. */
    static final int MIN_HAN_CHARS = 2;

    /** A candidate: its id and every name and alias it has (nulls and blanks allowed, ignored). */
    record Candidate(String id, List<String> names) {
    }

    private EntityMentions() {
    }

    /**
     * A candidate the text names, its rank (1 = the longest name; equal lengths, equal ranks), and the longest of its
     * names the text holds, in {@link #words} form (a Chinese name as written).
     */
    record Named(String id, int rank, String mention) {
    }

    /** The candidates the text names, the longest name first; candidates' order among equal ranks. */
    static List<Named> named(String text, List<Candidate> candidates) {
        String words = " " + words(text) + " ";
        String raw = Normalizer.normalize(text, Normalizer.Form.NFKC);
        record Mention(String id, int length, int order, String words) {
        }
        List<Mention> named = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            int longest = 0;
            String mention = null;
            for (String name : candidates.get(i).names()) {
                if (name == null || name.isBlank()) {
                    continue;
                }
                int length = mentionLength(words, raw, name);
                if (length > longest) {
                    longest = length;
                    mention = mentionWords(name);
                }
            }
            if (longest > 0) {
                named.add(new Mention(candidates.get(i).id(), longest, i, mention));
            }
        }
        named.sort(Comparator.comparingInt((Mention m) -> -m.length()).thenComparingInt(Mention::order));
        List<Named> out = new ArrayList<>(named.size());
        java.util.Set<String> seen = new java.util.HashSet<>();
        int rank = 0;
        int previousLength = -1;
        for (Mention m : named) {
            if (m.length() != previousLength) {
                rank++;
                previousLength = m.length();
            }
            if (seen.add(m.id())) {
                out.add(new Named(m.id(), rank, m.words()));
            }
        }
        return out;
    }

    /**
     * Every place the text writes a candidate's name or alias, as written: a Latin name of at least
     * {@value #MIN_LATIN_CHARS} letters as a run of whole words equal to its own (case and compatibility forms
     * ignored, punctuation between the words ignored), a Chinese one of at least {@value #MIN_HAN_CHARS} characters as
     * a substring (as stored or in compatibility form). Ordered by start, the longer span first. A word whose
     * compatibility form is two words ("½") never matches: this errs towards finding fewer names.
     */
    static List<NameSpan> written(String text, List<Candidate> candidates) {
        WrittenWords written = WrittenWords.of(text);
        java.util.Set<NameSpan> spans = new java.util.HashSet<>();
        for (Candidate candidate : candidates) {
            for (String name : candidate.names()) {
                if (name == null || name.isBlank()) {
                    continue;
                }
                String normalized = Normalizer.normalize(name, Normalizer.Form.NFKC).strip();
                if (containsHan(normalized)) {
                    if (normalized.codePointCount(0, normalized.length()) < MIN_HAN_CHARS) {
                        continue;
                    }
                    // As stored and in compatibility form: "（1854）" may be written either way.
                    for (String form : new java.util.LinkedHashSet<>(List.of(name.strip(), normalized))) {
                        for (int at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
                            spans.add(new NameSpan(candidate.id(), at, at + form.length()));
                        }
                    }
                    continue;
                }
                String nameWords = words(normalized);
                if (nameWords.codePoints().filter(Character::isLetterOrDigit).count() < MIN_LATIN_CHARS) {
                    continue;
                }
                for (int[] run : written.runs(nameWords.split(" "))) {
                    spans.add(new NameSpan(candidate.id(), run[0], run[1]));
                }
            }
        }
        List<NameSpan> out = new ArrayList<>(spans);
        out.sort(Comparator.comparingInt(NameSpan::start).thenComparingInt(s -> -s.end())
                .thenComparing(NameSpan::entityId));
        return out;
    }

    /**
     * The text in {@link #words} form with each mention (in that form too) replaced by {@code placeholder} as whole
     * words, the longest mention first; a Chinese mention wherever it occurs. A Chinese mention is compared in words
     * form as well: "《中华人民共和国民法典》第590条（不可抗力）" as written holds punctuation the words form of the text has
     * turned into spaces.
     */
    static String replaced(String text, Collection<String> mentions, String placeholder) {
        String padded = " " + words(text) + " ";
        List<String> longestFirst = mentions.stream().filter(m -> m != null && !m.isBlank())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String mention : longestFirst) {
            padded = containsHan(mention) ? padded.replace(words(mention), placeholder)
                    : padded.replace(" " + mention + " ", " " + placeholder + " ");
        }
        return padded.strip();
    }

    /**
     * The text (NFKC) with each mention (in {@link #words} form, a Chinese one as written) replaced where it stands,
     * the longest mention first: a Latin one as whole words by {@code latinPlaceholder}, a Chinese one wherever it
     * occurs by {@code hanPlaceholder}. Unlike {@link #replaced}, case, punctuation and spacing stay as written, so a
     * classifier trained on written text can read the rest ("Tell me about Malaria!" becomes "Tell me about it!").
     */
    static String replacedWhereWritten(String text, Collection<String> mentions, String latinPlaceholder,
            String hanPlaceholder) {
        String out = Normalizer.normalize(text, Normalizer.Form.NFKC);
        List<String> longestFirst = mentions.stream().filter(m -> m != null && !m.isBlank())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String mention : longestFirst) {
            out = containsHan(mention) ? out.replace(mention, hanPlaceholder)
                    : replacedWords(out, mention.split(" "), latinPlaceholder);
        }
        return out;
    }

    /** Each run of the text's words equal to {@code mentionWords} (as {@link #words} compares) replaced. */
    private static String replacedWords(String text, String[] mentionWords, String placeholder) {
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (int[] run : WrittenWords.of(text).runs(mentionWords)) {
            if (run[0] >= copied) { // A run inside one already replaced is gone with it.
                out.append(text, copied, run[0]).append(placeholder);
                copied = run[1];
            }
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** A text's words where they stand ({@link #wordRanges}) and as {@link #words} compares them. */
    private record WrittenWords(List<int[]> ranges, String[] folded) {

        static WrittenWords of(String text) {
            List<int[]> ranges = wordRanges(text);
            String[] folded = new String[ranges.size()];
            for (int t = 0; t < folded.length; t++) {
                folded[t] = Normalizer.normalize(text.substring(ranges.get(t)[0], ranges.get(t)[1]),
                        Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            }
            return new WrittenWords(ranges, folded);
        }

        /** The [start, end) char range of every run of words equal to {@code wanted}, in order; runs may overlap. */
        List<int[]> runs(String[] wanted) {
            List<int[]> out = new ArrayList<>();
            for (int t = 0; t + wanted.length <= folded.length; t++) {
                boolean matches = true;
                for (int w = 0; w < wanted.length && matches; w++) {
                    matches = folded[t + w].equals(wanted[w]);
                }
                if (matches) {
                    out.add(new int[] {ranges.get(t)[0], ranges.get(t + wanted.length - 1)[1]});
                }
            }
            return out;
        }
    }

    /**
     * The [start, end) char ranges of the text's words: runs of letters, digits and marks, split where Chinese
     * characters meet letters of another script. Chinese writes no space before a Latin name ("谁是Vessanor
     * Maritime的实际控制人？"), and the name must still stand as whole words.
     */
    private static List<int[]> wordRanges(String text) {
        List<int[]> ranges = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!isWordCodePoint(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            int previous = cp;
            i += Character.charCount(cp);
            while (i < text.length() && isWordCodePoint(cp = text.codePointAt(i)) && !scriptBoundary(previous, cp)) {
                previous = cp;
                i += Character.charCount(cp);
            }
            ranges.add(new int[] {start, i});
        }
        return ranges;
    }

    /** A Chinese character next to a letter of another script: digits and marks join either. */
    private static boolean scriptBoundary(int before, int after) {
        return Character.isLetter(before) && Character.isLetter(after) && isHan(before) != isHan(after);
    }

    private static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    private static boolean isWordCodePoint(int cp) {
        int type = Character.getType(cp);
        return Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    /**
     * Whether {@code words} (in {@link #words} form, or a Chinese mention as written) holds the mention: as whole
     * words, or a Chinese one anywhere, both compared in words form.
     */
    static boolean holds(String words, String mention) {
        return containsHan(mention) ? words(words).contains(words(mention))
                : (" " + words + " ").contains(" " + mention + " ");
    }

    /** A name as {@link #named} compares it: its {@link #words}, or a Chinese name as NFKC writes it. */
    private static String mentionWords(String name) {
        String normalized = Normalizer.normalize(name, Normalizer.Form.NFKC).strip();
        return containsHan(normalized) ? normalized : words(normalized);
    }

    /** The name's length when the text names it, else 0. */
    private static int mentionLength(String paddedWords, String raw, String name) {
        String normalized = Normalizer.normalize(name, Normalizer.Form.NFKC).strip();
        if (containsHan(normalized)) {
            return normalized.codePointCount(0, normalized.length()) >= MIN_HAN_CHARS && raw.contains(normalized)
                    ? normalized.length() : 0;
        }
        String nameWords = words(normalized);
        int letters = 0;
        for (int i = 0; i < nameWords.length(); i++) {
            letters += Character.isLetterOrDigit(nameWords.charAt(i)) ? 1 : 0;
        }
        if (letters >= MIN_LATIN_CHARS) {
            return paddedWords.contains(" " + nameWords + " ") ? nameWords.length() : 0;
        }
        return letters >= 2 && isCapitals(normalized) && containsToken(raw, normalized) ? normalized.length() : 0;
    }

    /**
     * A short name in capitals ("UK", "MI", "A&E") is an abbreviation: the text names it when it writes it in
     * capitals too, as a token of its own, where "it" or "us" in lower case would name the IT sector or the United
     * States in every other sentence.
     */
    private static boolean isCapitals(String name) {
        return name.codePoints().allMatch(cp -> Character.isUpperCase(cp) || cp == '&' || cp == '.' || cp == '-')
                && name.codePoints().anyMatch(Character::isLetter);
    }

    private static boolean containsToken(String raw, String token) {
        for (int at = raw.indexOf(token); at >= 0; at = raw.indexOf(token, at + 1)) {
            int end = at + token.length();
            int first = raw.codePointAt(at);
            int last = raw.codePointBefore(end);
            boolean startsToken = at == 0 || !Character.isLetterOrDigit(raw.codePointBefore(at))
                    || scriptBoundary(raw.codePointBefore(at), first);
            boolean endsToken = end == raw.length() || !Character.isLetterOrDigit(raw.codePointAt(end))
                    || scriptBoundary(last, raw.codePointAt(end));
            if (startsToken && endsToken) {
                return true;
            }
        }
        return false;
    }

    /** Lower case, NFKC, every run of characters other than letters, digits and marks one space. */
    static String words(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        for (int[] word : wordRanges(folded)) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(folded, word[0], word[1]);
        }
        return out.toString();
    }

    static boolean containsHan(String s) {
        return s.codePoints().anyMatch(EntityMentions::isHan);
    }
}
