package dev.tessera.sdk.graph;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a relationship type reads as a sentence, in English and in Chinese: templates holding {@value #SUBJECT} (the
 * node the relationship points from) and {@value #OBJECT} (the node it points to) once each, e.g. {@code "{subject}
 * has the symptom {object}"} and {@code "{subject}的症状包括{object}"}. A graph declares them in its {@code
 * relationship-types.jsonl}; a type it does not declare reads as its own words ({@link #ofType}) and has no Chinese
 * reading. Immutable.
 *
 * @param english English template
 * @param chinese Chinese template, or empty when the graph gives none
 */
public record RelationshipReading(String english, String chinese) {

    public static final String SUBJECT = "{subject}";
    public static final String OBJECT = "{object}";
    /** Longest template accepted; a reading is a clause, not a paragraph. */
    public static final int MAX_TEMPLATE_CHARS = 200;

    public RelationshipReading {
        Objects.requireNonNull(english, "english");
        Objects.requireNonNull(chinese, "chinese");
        problem(english).ifPresent(p -> {
            throw new IllegalArgumentException("English reading " + p);
        });
        if (!chinese.isEmpty()) {
            problem(chinese).ifPresent(p -> {
                throw new IllegalArgumentException("Chinese reading " + p);
            });
        }
    }

    /** {@code HAS_SYMPTOM} reads "{subject} has symptom {object}": the stored type as words, and no Chinese. */
    public static RelationshipReading ofType(String type) {
        return new RelationshipReading(SUBJECT + " " + typeWords(type) + " " + OBJECT, "");
    }

    /** {@code HAS_SYMPTOM} → "has symptom". */
    public static String typeWords(String type) {
        return type.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The English sentence for a relationship from {@code subject} to {@code object}, without a full stop. */
    public String english(String subject, String object) {
        return fill(english, subject, object);
    }

    /** The Chinese sentence, without a full stop; empty when the type has no Chinese reading. */
    public Optional<String> chinese(String subject, String object) {
        return chinese.isEmpty() ? Optional.empty() : Optional.of(fill(chinese, subject, object));
    }

    /** What is wrong with {@code template} as a reading, or empty when it is one. */
    static Optional<String> problem(String template) {
        if (template.isBlank()) {
            return Optional.of("is blank");
        }
        if (template.length() > MAX_TEMPLATE_CHARS) {
            return Optional.of("has " + template.length() + " characters; at most " + MAX_TEMPLATE_CHARS);
        }
        for (String placeholder : new String[] {SUBJECT, OBJECT}) {
            int first = template.indexOf(placeholder);
            if (first < 0 || template.indexOf(placeholder, first + 1) >= 0) {
                return Optional.of("'" + template + "' must hold " + placeholder + " exactly once");
            }
        }
        String rest = template.replace(SUBJECT, "").replace(OBJECT, "");
        if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0) {
            return Optional.of("'" + template + "' has a brace outside " + SUBJECT + " and " + OBJECT);
        }
        return Optional.empty();
    }

    /** One pass over the template, so a name that itself holds "{object}" is copied, not filled. */
    private static String fill(String template, String subject, String object) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(object, "object");
        int s = template.indexOf(SUBJECT);
        int o = template.indexOf(OBJECT);
        boolean subjectFirst = s < o;
        int firstAt = subjectFirst ? s : o;
        int firstLength = (subjectFirst ? SUBJECT : OBJECT).length();
        int secondAt = subjectFirst ? o : s;
        int secondLength = (subjectFirst ? OBJECT : SUBJECT).length();
        return template.substring(0, firstAt) + (subjectFirst ? subject : object)
                + template.substring(firstAt + firstLength, secondAt) + (subjectFirst ? object : subject)
                + template.substring(secondAt + secondLength);
    }
}
