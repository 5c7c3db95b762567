package dev.tessera.safety.pii;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which generator template wrote a text, from the template lines of a synthetic set (Presidio's templates.txt:
 * literal text with {@code {{placeholder}}} slots, {@code \n} for a line break). Cross-validation groups texts by
 * template so no template sits on both sides of a fold, as the set's own train/test split does; otherwise held-out
 * scores reward memorising a template's labelling conventions.
 */
public final class TemplateGroups {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{?[A-Za-z_]+}}?");
    /** Templates are short; a longer text line would only cost matching time. */
    private static final int MAX_TEMPLATE_CHARS = 4_096;
    /**
     * Lazy slots backtrack polynomially in the text length, so longer texts are not matched: they get a group of
     * their own, which costs cross-validation nothing but a slightly less even split.
     */
    static final int MAX_TEXT_CHARS = 20_000;

    private final List<Pattern> templates;
    private final List<Integer> literalLengths;

    private TemplateGroups(List<Pattern> templates, List<Integer> literalLengths) {
        this.templates = List.copyOf(templates);
        this.literalLengths = List.copyOf(literalLengths);
    }

    /** One template per non-blank line; a line longer than 4,096 chars is rejected. */
    public static TemplateGroups of(List<String> lines) {
        List<Pattern> patterns = new ArrayList<>();
        List<Integer> literal = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            if (line.length() > MAX_TEMPLATE_CHARS) {
                throw new IllegalArgumentException("template line " + (n + 1) + " is longer than "
                        + MAX_TEMPLATE_CHARS + " chars");
            }
            String template = line.replace("\\n", "\n");
            StringBuilder regex = new StringBuilder("^");
            Matcher m = PLACEHOLDER.matcher(template);
            int from = 0;
            int literalChars = 0;
            while (m.find()) {
                regex.append(Pattern.quote(template.substring(from, m.start()))).append("(.+?)");
                literalChars += m.start() - from;
                from = m.end();
            }
            regex.append(Pattern.quote(template.substring(from))).append('$');
            literalChars += template.length() - from;
            patterns.add(Pattern.compile(regex.toString(), Pattern.DOTALL | Pattern.CASE_INSENSITIVE
                    | Pattern.UNICODE_CASE));
            literal.add(literalChars);
        }
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("no templates");
        }
        return new TemplateGroups(patterns, literal);
    }

    /** Where a synthetic set keeps its generator's templates: templates.txt beside its splits, as Presidio's does. */
    public static Path besideData(Path dataFile) {
        return dataFile.resolveSibling("templates.txt");
    }

    public static TemplateGroups read(Path file) {
        try {
            return of(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read templates " + file, e);
        }
    }

    public int size() {
        return templates.size();
    }

    /**
     * The index of the template that wrote {@code text}, or -1 if none fits. When several fit, the one with the most
     * literal text wins: "{{name}} lives at {{address}}" explains a text better than "{{name}}". Texts over
     * {@value #MAX_TEXT_CHARS} chars are not matched (-1).
     */
    public int groupOf(String text) {
        int best = -1;
        if (text.length() > MAX_TEXT_CHARS) {
            return best;
        }
        for (int i = 0; i < templates.size(); i++) {
            if ((best < 0 || literalLengths.get(i) > literalLengths.get(best)) && templates.get(i).matcher(text).matches()) {
                best = i;
            }
        }
        return best;
    }

    /** {@link #groupOf} for each text; a text no template fits gets a group of its own (a negative id). */
    public int[] groups(List<LabeledText> data) {
        int[] out = new int[data.size()];
        for (int i = 0; i < out.length; i++) {
            int g = groupOf(data.get(i).text());
            out[i] = g >= 0 ? g : -1 - i;
        }
        return out;
    }
}
