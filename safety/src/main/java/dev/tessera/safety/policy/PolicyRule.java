package dev.tessera.safety.policy;

import java.text.Normalizer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A forbidden-advice or escalation rule: it fires when any of its patterns (English or Chinese) is found.
 * Patterns of both languages always run, so an English rule still catches an English sentence inside a Chinese
 * answer.
 *
 * @param id       stable id, reported in {@link PolicyDecision#firedRules()} and audits
 * @param reason   why the rule exists, one line
 * @param patterns compiled case-insensitively (Unicode case)
 */
public record PolicyRule(String id, String reason, List<Pattern> patterns) {

    static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    public PolicyRule {
        patterns = List.copyOf(patterns);
    }

    /** Matches against the NFKC form, so full-width letters and digits cannot slip past an ASCII pattern. */
    public boolean matches(String text) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return patterns.stream().anyMatch(p -> p.matcher(normalized).find());
    }
}
