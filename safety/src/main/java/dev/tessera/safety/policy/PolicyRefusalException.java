package dev.tessera.safety.policy;

import dev.tessera.sdk.TesseraException;

/**
 * Carried as the cause of a failed output guardrail result, so a caller that catches LangChain4j's
 * {@code OutputGuardrailException} can reach the decision (rule ids, refusal text) without parsing messages.
 */
public class PolicyRefusalException extends TesseraException {

    private final transient PolicyDecision decision;

    public PolicyRefusalException(PolicyDecision decision) {
        super("Refused by policy rules " + decision.firedRules());
        this.decision = decision;
    }

    public PolicyDecision decision() {
        return decision;
    }
}
