package dev.tessera.safety.pii;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The learned tagger's spans of one entity, plus hand-written rules for what the tagger cannot know (Chinese text,
 * formats absent from its training data). The tagger learned the span conventions of real data, so where it found
 * something the rules do not override it; rule spans only fill the gaps.
 */
abstract class TaggedRecognizer implements PiiRecognizer {

    /** Separators between the words of a span: its words are what lies between them. */
    static final Pattern WORDS = Pattern.compile("[^\\p{L}\\p{M}]+");
    /** Characters either side of a lower-case span that tell whether its text uses capitals. */
    private static final int CASING_WINDOW = 256;
    /** A tagger span never starts or ends with these (the tagger occasionally pulls in a neighbouring one). */
    private static final String EDGE_PUNCTUATION = ",;:>!?\"'-–—|";

    private final PiiTagger tagger;
    private final PiiType type;
    private final String name;
    private final double taggerScore;

    TaggedRecognizer(PiiTagger tagger, PiiType type, String name, double taggerScore) {
        this.tagger = Objects.requireNonNull(tagger, "tagger");
        this.type = type;
        this.name = name;
        this.taggerScore = taggerScore;
    }

    @Override
    public final PiiType type() {
        return type;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<PiiFinding> find(String text) {
        return fromTagged(text, tagger.tag(text));
    }

    /** The findings for {@code text} given the tagger's spans of it: {@link #find} with the tagging done. */
    final List<PiiFinding> fromTagged(String text, List<PiiTagger.Span> tagged) {
        List<PiiFinding> spans = new ArrayList<>();
        for (PiiTagger.Span s : tagged) {
            if (s.entity().equals(type.name()) || isTaggedAsOther(text, s)) {
                PiiFinding f = cleaned(text, s.start(), s.end());
                PiiFinding last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
                // a span extended over a word ("O'Brien") holds the tagger's next span ("Brien") already
                if (f != null && (last == null || f.start() < last.start() || f.end() > last.end())) {
                    spans.add(f);
                }
            }
        }
        joinAdjacent(spans, (before, after) -> splitAtApostrophe(text, before, after));
        List<PiiFinding> out = new ArrayList<>();
        for (PiiFinding f : spans) {
            out.addAll(parts(text, f));
        }
        completed(text, out);
        // Rule findings fill the gaps the learned ones leave; a char set, not pairwise checks, keeps a long text linear.
        BitSet learned = coverage(text, out);
        for (PiiFinding r : Overlaps.resolve(rules(text))) {
            int next = learned.nextSetBit(r.start());
            if (next < 0 || next >= r.end()) {
                out.add(r);
            }
        }
        ruledOut(text, out);
        joined(text, out);
        return out;
    }

    /** Whether a tagger span of another entity is this one's: the tagger's known confusions. */
    boolean isTaggedAsOther(String text, PiiTagger.Span span) {
        return false;
    }

    /** Replaces findings that are parts of one entity with the whole (two halves of one name). */
    void joined(String text, List<PiiFinding> found) {
    }

    /** Removes the findings, learned or ruled, that the text around them shows are not this entity. */
    void ruledOut(String text, List<PiiFinding> found) {
    }

    /** The tagger span without edge punctuation, whitespace or (per subclass) a leading title; null if implausible. */
    private PiiFinding cleaned(String text, int start, int end) {
        int before;
        do {
            before = end - start;
            while (start < end && isEdge(text.charAt(start))) {
                start++;
            }
            while (end > start && isEdge(text.charAt(end - 1))) {
                end--;
            }
            start = afterUnclosedBracket(text, start, end);
            end = beforeUnopenedBracket(text, start, end);
        } while (end - start < before);
        start = trimStart(text, start, end);
        end = start < end ? adjustEnd(text, start, end) : end;
        if (start < end) {
            start = wordStartAcrossHyphens(text, start);
            end = wordEndAcrossElision(text, wordEndAcrossHyphens(text, end));
        }
        return start < end && plausible(text, start, end) ? new PiiFinding(type, start, end, taggerScore, name)
                : null;
    }

    /**
     * The tagger splits "Rheinland-Pfalz" and "Jean-Luc" at the hyphen, and its span may stop there; a name or a place
     * is never cut inside a hyphenated word, so the span takes in the rest of it. Words of one letter stay out: a span
     * that ends at the "E" of "E-mail" is the tagger's mistake, not a name.
     */
    static int wordEndAcrossHyphens(String text, int end) {
        while (end + 1 < text.length() && text.charAt(end) == '-' && end >= 2 && Character.isLetter(text.charAt(end - 1))
                && Character.isLetter(text.charAt(end - 2)) && Character.isLetter(text.charAt(end + 1))) {
            end += 2;
            while (end < text.length() && Character.isLetter(text.charAt(end))) {
                end++;
            }
        }
        return end;
    }

    /**
     * "O'Neil", "D'Angelo": the tagger may stop at the apostrophe after a one-letter prefix, and the name then read
     * "Maria O". After a capital standing alone, an apostrophe and a capitalised word, the span takes in the word;
     * "Smith's" and "don't" have no capital after the apostrophe.
     */
    static int wordEndAcrossElision(String text, int end) {
        if (end < 1 || end + 2 >= text.length() || (text.charAt(end) != '\'' && text.charAt(end) != '’')
                || !Character.isUpperCase(text.charAt(end - 1)) || end >= 2 && Character.isLetter(text.charAt(end - 2))
                || !Character.isUpperCase(text.charAt(end + 1)) || !Character.isLetter(text.charAt(end + 2))) {
            return end;
        }
        end += 2;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        return end;
    }

    /** As {@link #wordEndAcrossHyphens}, for a span that starts after a hyphen: "Lotte" of "Anne-Lotte". */
    static int wordStartAcrossHyphens(String text, int start) {
        while (start >= 2 && start + 1 < text.length() && text.charAt(start - 1) == '-'
                && Character.isLetter(text.charAt(start - 2)) && Character.isLetter(text.charAt(start))
                && Character.isLetter(text.charAt(start + 1))) {
            start -= 2;
            while (start > 0 && Character.isLetter(text.charAt(start - 1))) {
                start--;
            }
        }
        return start;
    }

    /**
     * The tagger may end one span before the apostrophe of "SMITH'S GREEN" or "O'Brien" and start another after it;
     * a word is never cut there, so the two are one.
     */
    static boolean splitAtApostrophe(String text, PiiFinding before, PiiFinding after) {
        int gap = before.end();
        return after.start() == gap + 1 && (text.charAt(gap) == '\'' || text.charAt(gap) == '’')
                && Character.isLetter(text.charAt(gap - 1)) && Character.isLetter(text.charAt(after.start()));
    }

    /**
     * A bracket that opens a span but is closed outside it, or only at the span's end, belongs to the text around it:
     * the tagger's "(15 Main Street" and "(Ann Lee)" start after it. A span such as "Cyprus (Greek)" keeps its pair.
     */
    private static int afterUnclosedBracket(String text, int start, int end) {
        if (start >= end || !isOpening(text.charAt(start))) {
            return start;
        }
        int closing = start + 1;
        while (closing < end && !isClosing(text.charAt(closing))) {
            closing++;
        }
        return closing >= end - 1 ? start + 1 : start;
    }

    /** A closing bracket at the span's end that nothing inside it opened: "( 18 March )" tagged from "18". */
    private static int beforeUnopenedBracket(String text, int start, int end) {
        if (start >= end || !isClosing(text.charAt(end - 1))) {
            return end;
        }
        for (int i = start; i < end - 1; i++) {
            if (isOpening(text.charAt(i))) {
                return end;
            }
        }
        return end - 1;
    }

    private static boolean isOpening(char c) {
        return c == '(' || c == '[' || c == '{';
    }

    private static boolean isClosing(char c) {
        return c == ')' || c == ']' || c == '}';
    }

    private static boolean isEdge(char c) {
        return Character.isWhitespace(c) || EDGE_PUNCTUATION.indexOf(c) >= 0;
    }

    /** The findings a cleaned tagger span stands for: itself, or (per subclass) the parts the entity is written in. */
    List<PiiFinding> parts(String text, PiiFinding found) {
        return List.of(found);
    }

    /**
     * Adds what the tagger's findings imply about their neighbours (the rest of a list of names), or widens a finding
     * over a neighbour the tagger left out.
     */
    void completed(String text, List<PiiFinding> found) {
    }

    /** The tagger's spans of {@code entity} in {@code text}, in text order (tagged once per thread and text). */
    final List<PiiTagger.Span> tagged(String text, String entity) {
        List<PiiTagger.Span> spans = new ArrayList<>();
        for (PiiTagger.Span s : tagger.tag(text)) {
            if (s.entity().equals(entity)) {
                spans.add(s);
            }
        }
        return spans;
    }

    /**
     * Replaces each finding and the next one (in text order) that {@code belongTogether} with one finding over both:
     * one sort and one pass.
     */
    final void joinAdjacent(List<PiiFinding> found, BiPredicate<PiiFinding, PiiFinding> belongTogether) {
        if (found.size() < 2) {
            return;
        }
        found.sort(Comparator.comparingInt(PiiFinding::start));
        List<PiiFinding> joined = new ArrayList<>(found.size());
        for (PiiFinding f : found) {
            PiiFinding last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
            if (last != null && belongTogether.test(last, f)) {
                joined.set(joined.size() - 1, new PiiFinding(type, last.start(), f.end(),
                        Math.min(last.score(), f.score()), name));
            } else {
                joined.add(f);
            }
        }
        found.clear();
        found.addAll(joined);
    }

    /**
     * The last {@code c} in {@code text[from, to)}, or -1: bounded, unlike {@link String#lastIndexOf(int, int)}, which
     * reads back to the text's start and, called for every finding of a long text, makes the scan quadratic.
     */
    static int lastIndexOf(String text, char c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    static boolean hasUpperCase(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.isUpperCase(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the text around a span uses capitals, so that a name there would be capitalised: the casing near the
     * span, not of the whole text, keeps the work per span bounded and a megabyte linear.
     */
    static boolean casedAround(String text, int start, int end) {
        return hasUpperCase(text, Math.max(0, start - CASING_WINDOW), Math.min(text.length(), end + CASING_WINDOW));
    }

    /** Removes the findings that share a char with {@code chars}: one pass, however many findings and matches. */
    static void removeTouching(List<PiiFinding> found, BitSet chars) {
        found.removeIf(f -> {
            int next = chars.nextSetBit(f.start());
            return next >= 0 && next < f.end();
        });
    }

    /** The chars of {@code text} inside any of {@code found}: linear-time overlap checks for the completions. */
    static BitSet coverage(String text, List<PiiFinding> found) {
        BitSet covered = new BitSet(text.length());
        for (PiiFinding f : found) {
            covered.set(f.start(), f.end());
        }
        return covered;
    }

    /**
     * Where a tagger span really starts: subclasses skip words that are never part of the entity (titles), or take in
     * the words before it that are.
     */
    int trimStart(String text, int start, int end) {
        return start;
    }

    /** Where a tagger span really ends: subclasses cut or extend it where the entity's shape says so. */
    int adjustEnd(String text, int start, int end) {
        return end;
    }

    /** False for the tagger span text[start, end) where its context rules the entity out; else {@link #plausible(String)}. */
    boolean plausible(String text, int start, int end) {
        return plausible(text.substring(start, end));
    }

    /** False for tagger spans that cannot be this entity (an address without a number or a street word). */
    boolean plausible(String value) {
        return true;
    }

    /** Rule-based findings; may overlap each other and the tagger's. */
    abstract List<PiiFinding> rules(String text);

    /** A finding for every match of {@code p}. */
    final void addMatches(Pattern p, String text, double score, List<PiiFinding> out) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(new PiiFinding(type, m.start(), m.end(), score, name));
        }
    }
}
