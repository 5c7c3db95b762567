package dev.tessera.safety.screening;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Undoes the cheap obfuscations attackers use to slip text past a classifier, so the models see what a reader
 * (or the LLM behind the filter) would see:
 * <ol>
 *   <li>lone surrogates become U+FFFD and control characters other than tab/newline are dropped (never a crash);</li>
 *   <li>invisible format characters (zero-width spaces and joiners, bidi overrides and isolates, soft hyphens,
 *       tag characters) are removed;</li>
 *   <li>Unicode NFKC folds full-width forms, ligatures, circled and mathematical letters;</li>
 *   <li>Cyrillic and Greek look-alikes are folded to Latin in words that mix them with Latin letters, or that
 *       consist only of look-alikes (genuine Russian or Greek words almost always contain letters with no Latin
 *       twin, so they are left alone);</li>
 *   <li>long base64 and hex runs that decode to mostly printable UTF-8 are decoded, normalised the same way and
 *       returned as extra segments to screen (nested encodings up to {@link #MAX_DEPTH} levels).</li>
 * </ol>
 * Work is bounded: inputs beyond {@link Builder#maxChars} are rejected with
 * {@link ScreeningInputTooLargeException}, and at most {@link Builder#maxPayloads} payloads are decoded.
 * Immutable and thread-safe.
 */
public final class TextNormalizer {

    /** 1 Mi characters: far beyond any prompt, small enough to normalise in milliseconds. */
    public static final int DEFAULT_MAX_CHARS = 1 << 20;
    /** base64 inside base64 inside the text is the deepest nesting worth decoding. */
    static final int MAX_DEPTH = 2;

    // 24 base64 characters are 18 bytes: shorter runs are mostly identifiers, hashes' prefixes and words.
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{24,}={0,2}");
    // 20 hex digits (10 bytes), optionally written as 0x.. or \x.. or space-separated byte pairs.
    private static final Pattern HEX = Pattern.compile(
            "(?:(?:0x|\\\\x)?[0-9A-Fa-f]{2}[ :]?){10,}");
    private static final double MIN_PRINTABLE_SHARE = 0.9;
    private static final int MIN_DECODED_CHARS = 8;

    private static final Map<Character, Character> HOMOGLYPHS = homoglyphs();

    private final int maxChars;
    private final int maxPayloads;

    private TextNormalizer(Builder b) {
        this.maxChars = b.maxChars;
        this.maxPayloads = b.maxPayloads;
    }

    public static TextNormalizer defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * @throws ScreeningInputTooLargeException when {@code text} is longer than the limit
     * @throws NullPointerException            when {@code text} is null
     */
    public NormalizedInput normalize(String text) {
        checkLength(text);
        String clean = clean(text);
        List<String> payloads = new ArrayList<>();
        collectPayloads(clean, 1, payloads);
        return new NormalizedInput(clean, payloads);
    }

    /**
     * Steps 1 to 4 only: the text as the models see it, without payload decoding.
     *
     * @throws ScreeningInputTooLargeException when {@code text} is longer than the limit
     */
    public String normalizeText(String text) {
        checkLength(text);
        return clean(text);
    }

    private void checkLength(String text) {
        if (text.length() > maxChars) {
            throw new ScreeningInputTooLargeException(text.length(), maxChars);
        }
    }

    private static String clean(String text) {
        String visible = stripInvisible(text);
        String nfkc = Normalizer.normalize(visible, Normalizer.Form.NFKC);
        // NFKC can map a compatibility character onto a format or control character; strip once more.
        return foldHomoglyphs(stripInvisible(nfkc));
    }

    private void collectPayloads(String text, int depth, List<String> out) {
        if (depth > MAX_DEPTH) {
            return;
        }
        List<int[]> hexSpans = new ArrayList<>();
        Matcher hex = HEX.matcher(text);
        while (hex.find() && out.size() < maxPayloads) {
            hexSpans.add(new int[] {hex.start(), hex.end()});
            addDecoded(decodeHex(hex.group()), depth, out);
        }
        Matcher b64 = BASE64.matcher(text);
        while (b64.find() && out.size() < maxPayloads) {
            if (!insideAny(hexSpans, b64.start(), b64.end())) {
                addDecoded(decodeBase64(b64.group()), depth, out);
            }
        }
    }

    private void addDecoded(String decoded, int depth, List<String> out) {
        if (decoded == null || out.size() >= maxPayloads) {
            return;
        }
        String clean = clean(decoded);
        if (clean.isBlank()) {
            return;
        }
        out.add(clean);
        collectPayloads(clean, depth + 1, out);
    }

    private static boolean insideAny(List<int[]> spans, int start, int end) {
        for (int[] s : spans) {
            if (start < s[1] && end > s[0]) {
                return true;
            }
        }
        return false;
    }

    private static String decodeHex(String run) {
        String digits = run.replace("0x", "").replace("\\x", "").replace(" ", "").replace(":", "");
        if (digits.length() % 2 != 0) {
            digits = digits.substring(0, digits.length() - 1);
        }
        try {
            return readable(HexFormat.of().parseHex(digits));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String decodeBase64(String run) {
        String body = run.replace('-', '+').replace('_', '/');
        String unpadded = body.replace("=", "");
        // The decoder accepts missing padding; a lone trailing character (length 1 mod 4) can never decode.
        String usable = unpadded.length() % 4 == 1 ? unpadded.substring(0, unpadded.length() - 1) : unpadded;
        if (usable.isEmpty()) {
            return null;
        }
        try {
            return readable(Base64.getDecoder().decode(usable));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The bytes as text when they are valid UTF-8 and mostly printable, else null. */
    private static String readable(byte[] bytes) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        int cps = 0;
        int printable = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            cps++;
            int type = Character.getType(cp);
            boolean control = type == Character.CONTROL && cp != '\n' && cp != '\t' && cp != '\r';
            if (!control && type != Character.UNASSIGNED && type != Character.PRIVATE_USE) {
                printable++;
            }
        }
        if (cps < MIN_DECODED_CHARS || printable < MIN_PRINTABLE_SHARE * cps) {
            return null;
        }
        return s;
    }

    private static String stripInvisible(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(i + 1));
                i++;
                if (Character.getType(cp) != Character.FORMAT) {
                    out.appendCodePoint(cp);
                }
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else if (c == '\t' || c == '\n' || c == '\r') {
                out.append(c);
            } else {
                int type = Character.getType(c);
                if (type != Character.FORMAT && type != Character.CONTROL) {
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    private static String foldHomoglyphs(String text) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        while (i < out.length()) {
            if (!Character.isLetter(out.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean latin = false;
            boolean allLookAlike = true;
            while (i < out.length() && Character.isLetter(out.charAt(i))) {
                char c = out.charAt(i);
                boolean lookAlike = HOMOGLYPHS.containsKey(c);
                latin |= c < 0x250 && !lookAlike;
                allLookAlike &= lookAlike || c < 0x250;
                i++;
            }
            if (latin || allLookAlike) {
                for (int j = start; j < i; j++) {
                    Character folded = HOMOGLYPHS.get(out.charAt(j));
                    if (folded != null) {
                        out.setCharAt(j, folded);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Cyrillic and Greek letters that render like a Latin letter in common fonts. */
    private static Map<Character, Character> homoglyphs() {
        String[] pairs = {
            // Cyrillic lower case
            "аa", "вb", "еe", "һh", "іi", "јj", "кk", "мm", "нh", "оo", "рp", "сc", "тt", "уy", "хx", "ѕs",
            "ԁd", "ԛq", "ԝw", "ӏl", "ɡg",
            // Cyrillic upper case
            "АA", "ВB", "ЕE", "НH", "ІI", "ЈJ", "КK", "МM", "ОO", "РP", "СC", "ТT", "УY", "ХX", "ЅS", "ԚQ",
            "ԜW", "ӀI",
            // Greek
            "ΑA", "ΒB", "ΕE", "ΖZ", "ΗH", "ΙI", "ΚK", "ΜM", "ΝN", "ΟO", "ΡP", "ΤT", "ΥY", "ΧX",
            "αa", "ιi", "κk", "νv", "οo", "ρp", "υu", "χx",
        };
        java.util.HashMap<Character, Character> m = new java.util.HashMap<>();
        for (String p : pairs) {
            m.put(p.charAt(0), p.charAt(1));
        }
        return Map.copyOf(m);
    }

    public static final class Builder {
        private int maxChars = DEFAULT_MAX_CHARS;
        private int maxPayloads = 16;

        private Builder() {
        }

        /** Longest input accepted, in UTF-16 characters (default 1 Mi). */
        public Builder maxChars(int maxChars) {
            if (maxChars < 1) {
                throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
            }
            this.maxChars = maxChars;
            return this;
        }

        /** Most decoded payloads returned per input (default 16), bounding the work an adversary can cause. */
        public Builder maxPayloads(int maxPayloads) {
            if (maxPayloads < 0) {
                throw new IllegalArgumentException("maxPayloads must be >= 0: " + maxPayloads);
            }
            this.maxPayloads = maxPayloads;
            return this;
        }

        public TextNormalizer build() {
            return new TextNormalizer(this);
        }
    }
}
