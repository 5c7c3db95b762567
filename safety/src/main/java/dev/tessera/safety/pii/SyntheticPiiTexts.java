package dev.tessera.safety.pii;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Labelled training texts written from templates whose {@code {{TYPE}}} slots are filled with span values of that
 * dataset type taken from other labelled texts. The values come only from the texts given, so in cross-validation a
 * fold's extra texts carry no value of its held-out texts. Templates widen the contexts a tagger sees; every slot's
 * value keeps its type, so organisations and places teach the tagger where a capitalised word is not a name.
 */
public final class SyntheticPiiTexts {

    private static final Pattern SLOT = Pattern.compile("\\{\\{([A-Z_]+)}}");
    /** Unit lines and bare numbers are address parts in the source data, not addresses of their own. */
    private static final Pattern ADDRESS_PART = Pattern.compile("(?i)(?:apt|suite|unit|box)\\b.*|[\\d\\s-]+");

    private final List<String> templates;

    private SyntheticPiiTexts(List<String> templates) {
        this.templates = List.copyOf(templates);
    }

    /**
     * Templates one per line, {@code \n} for a line break; blank lines and lines starting with {@code #} are skipped.
     *
     * @throws IllegalArgumentException if a template has no slot
     */
    public static SyntheticPiiTexts of(List<String> lines) {
        List<String> templates = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (!SLOT.matcher(t).find()) {
                throw new IllegalArgumentException("template without a {{TYPE}} slot: " + t);
            }
            templates.add(t.replace("\\n", "\n"));
        }
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("no templates");
        }
        return new SyntheticPiiTexts(templates);
    }

    public int size() {
        return templates.size();
    }

    /**
     * {@code perTemplate} texts per template, slots filled at random (seeded) from the one-line span values of
     * {@code source}; a tenth are lower-cased whole, as the source data does. A template whose slot type has no value
     * in {@code source} is skipped.
     */
    public List<LabeledText> generate(List<LabeledText> source, int perTemplate, long seed) {
        Map<String, List<String>> values = values(source);
        Random random = new Random(seed);
        List<LabeledText> out = new ArrayList<>();
        for (String template : templates) {
            for (int n = 0; n < perTemplate; n++) {
                LabeledText text = fill(template, values, random);
                if (text == null) {
                    break;
                }
                String lower = text.text().toLowerCase(Locale.ROOT);
                // Lower-casing must keep offsets; a few letters (İ) change length in Java chars.
                boolean lowerCase = random.nextInt(10) == 0 && lower.length() == text.text().length();
                out.add(lowerCase ? new LabeledText(lower, text.spans()) : text);
            }
        }
        return out;
    }

    private static LabeledText fill(String template, Map<String, List<String>> values, Random random) {
        StringBuilder text = new StringBuilder();
        List<LabeledText.Span> spans = new ArrayList<>();
        Matcher m = SLOT.matcher(template);
        int last = 0;
        while (m.find()) {
            List<String> pool = values.get(m.group(1));
            if (pool == null || pool.isEmpty()) {
                return null;
            }
            text.append(template, last, m.start());
            String value = pool.get(random.nextInt(pool.size()));
            spans.add(new LabeledText.Span(m.group(1), text.length(), text.length() + value.length()));
            text.append(value);
            last = m.end();
        }
        text.append(template, last, template.length());
        return new LabeledText(text.toString(), spans);
    }

    private static Map<String, List<String>> values(List<LabeledText> source) {
        Map<String, Set<String>> distinct = new HashMap<>();
        for (LabeledText t : source) {
            for (LabeledText.Span s : t.spans()) {
                String v = t.text().substring(s.start(), s.end()).strip();
                if (v.isEmpty() || v.indexOf('\n') >= 0 || v.length() > 80
                        || s.type().equals("STREET_ADDRESS") && ADDRESS_PART.matcher(v).matches()) {
                    continue;
                }
                distinct.computeIfAbsent(s.type(), k -> new LinkedHashSet<>()).add(v);
            }
        }
        Map<String, List<String>> out = new HashMap<>();
        distinct.forEach((type, vs) -> out.put(type, new ArrayList<>(vs)));
        return out;
    }
}
