package dev.tessera.safety.policy;

import java.util.List;
import java.util.Objects;

/**
 * Layer 2's answer for one model or template answer.
 *
 * @param action     PASS, REWRITE or REFUSE
 * @param firedRules ids of every rule that matched, forbidden and escalation alike, in policy order; a schema
 *                   violation reports {@code <domain>.schema}
 * @param text       what the user should see: the answer, rewritten, or the refusal (after any emergency message)
 * @param reasons    one line per fired rule or schema violation, for logs and audits; never shown to the user
 */
public record PolicyDecision(PolicyAction action, List<String> firedRules, String text, List<String> reasons) {

    public PolicyDecision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(text, "text");
        firedRules = List.copyOf(firedRules);
        reasons = List.copyOf(reasons);
    }
}
